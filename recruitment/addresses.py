"""E-mail addresses in one form everywhere: what the form accepts, what is stored, looked up and kept unique.

The canonical form is plain ASCII: the part before the @ as typed (it must be ASCII, since our mail goes out without
SMTPUTF8 and Django would turn anything else into an encoded word that no mailbox answers to), the domain in its
IDNA form in lower case (so look-alike letters such as the Kelvin sign or the long s fold into the letters they stand
for). Because it is ASCII, Python's ``lower()`` and PostgreSQL's ``lower()`` agree on it, and the unique constraint,
the look-up and the stored value cannot disagree. An address is only accepted when Django's mail layer sends it
unchanged: the same sanitising the sender uses decides."""

from django.core.exceptions import ValidationError
from django.core.mail.message import sanitize_address
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

INVALID = _("Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl.")
NOT_ASCII = _(
    "Naar dit e-mailadres kunnen we geen e-mail sturen. Gebruik vóór de @ alleen letters zonder accenten "
    "(a tot en met z), cijfers en tekens als punt, streepje of plus."
)
UNSENDABLE = _("Naar dit e-mailadres kunnen we geen e-mail sturen. Controleer het adres, of gebruik een ander adres.")


def canonical_email(value):
    """The canonical form of an address, or ValidationError (with a Dutch message) when mail cannot reach it."""
    address = (value or "").strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or any(character.isspace() for character in domain):
        raise ValidationError(INVALID, code="invalid")
    if not local.isascii() or not local.isprintable():
        raise ValidationError(NOT_ASCII, code="not_ascii")
    try:
        domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise ValidationError(INVALID, code="invalid") from error
    address = f"{local}@{domain}"
    validate_email(address)
    try:
        sent_as = sanitize_address(address, "utf-8")
    except ValueError as error:
        raise ValidationError(UNSENDABLE, code="unsendable") from error
    if sent_as != address:  # the mail layer would rewrite it (encoded words, quoting): not what the visitor typed
        raise ValidationError(UNSENDABLE, code="unsendable")
    return address


def email_key(address):
    """What the unique constraint compares (``Lower("email")``): the canonical address in lower case."""
    return address.lower()


def validate_address_lines(value):
    """One address per line (blank lines ignored), each one mail can reach; the line that is not, named."""
    for line in (value or "").splitlines():
        if line.strip():
            try:
                canonical_email(line)
            except ValidationError as error:
                raise ValidationError(
                    _("“%(email)s”: %(problem)s"), params={"email": line.strip(), "problem": error.messages[0]}
                ) from error
