from django import forms
from django.utils.translation import gettext_lazy as _


class QuestionForm(forms.Form):
    """One question of the route finder as a group of radio buttons.

    The answers given so far travel along as hidden fields, so every step is an ordinary GET form that works
    without JavaScript and leaves the answers in the URL. Bound (and so showing an error) only when the visitor
    sent the question without choosing an answer.
    """

    error_message = _("Kies een van de antwoorden.")
    use_required_attribute = False  # the server checks; native bubbles are not read out well

    def __init__(self, question, answers, *, submitted=False):
        value = answers.get(question)
        data = {question.key: value or ""} if submitted else None
        super().__init__(data=data, initial={question.key: value}, auto_id="vraag-%s")
        self.question = question
        self.answers = answers
        self.fields[question.key] = forms.ChoiceField(
            label=question.text,
            help_text=question.hint,
            choices=question.choices.choices,
            widget=forms.RadioSelect,
            error_messages={"required": self.error_message, "invalid_choice": self.error_message},
        )

    @property
    def field(self):
        return self[self.question.key]

    @property
    def carried_answers(self):
        """The other answers, as (name, value) pairs for hidden inputs."""
        return self.answers.query_pairs(exclude=self.question)
