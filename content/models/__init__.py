from .conversation import Conversation, ConversationCard, ConversationToolPage
from .events import EventIndexPage, EventPage
from .glossary import GlossaryPage, GlossaryTerm
from .home import HomePage
from .practice import PracticeExample, PracticeExampleIndexPage
from .site_settings import SiteSettings
from .standard import StandardPage
from .toolkit import ArticleIndexPage, ArticlePage

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "Conversation",
    "ConversationCard",
    "ConversationToolPage",
    "EventIndexPage",
    "EventPage",
    "GlossaryPage",
    "GlossaryTerm",
    "HomePage",
    "PracticeExample",
    "PracticeExampleIndexPage",
    "SiteSettings",
    "StandardPage",
]
