"""What is content, declared once per app.

Each content app's `AppConfig` subclasses `ContentAppConfig` and says, in one place, which of its
models are content, which keep their old addresses when a slug changes, which fixture holds its
initial content, what goes into the sitemap, what it offers the search and which permissions its
models add to the editors' roles. Everything in the core that needs "all content" (the content
version, fixtures, slug redirects, roles, the translation list) and the search and sitemap apps
ask this registry; none of them names a model. Adding a content model touches its own app only.

Declarations are names (model names, dotted paths), resolved when first asked for, so that an
`apps.py` never imports models before the app registry is ready.
"""

from dataclasses import dataclass

from django.apps import AppConfig, apps
from django.utils.module_loading import import_string

# The editors' roles, by key (group names live in `techniekpact.roles`).
PROJECTTEAM = "projectteam"
COORDINATOR = "coordinator"


@dataclass(frozen=True)
class SearchDocument:
    """One text a visitor can find: what kind of text it is, its title, address and body text.
    Title and body are plain text that may mark a part in another language
    (<span lang="nl">…</span>, see `techniekpact.markup.render_inline`; Markdown becomes such
    text with `marked_text`): results show the marks, the index reads the text without them."""

    kind: str
    title: str
    url: str
    body: str


@dataclass(frozen=True)
class SearchAnswer:
    """A direct answer to a search, shown before the results: the page that answers it (its
    kind, title and address) and the sentence that does ("Breda ligt in landsdeel Zuidwest.")
    with an optional note."""

    kind: str
    title: str
    url: str
    text: str
    note: str = ""


class ContentAppConfig(AppConfig):
    """Base for the apps whose models are the site's content. Subclass it as
    `content.ContentAppConfig` (import the module, not the class): Django picks an app's config
    automatically only when its apps.py holds a single AppConfig class.

    - `content_models`: model names, in deletion order (an item before what it points to).
      Saves and deletes of these change the content version; `load_content --reset` deletes
      them; the project team may add, change, delete and view them.
    - `redirected_models`: content models whose slug is part of their own page's address: a
      changed slug leaves a 301 from the old address.
    - `fixtures` (or, for one file, `fixture`), `fixture_order`: the app's initial content in
      `fixtures/`, the app's files in the order given, the apps in this order (foreign keys
      between apps point to lower orders).
    - `sitemaps`: {section name: dotted path of a `Sitemap` class}.
    - `search_documents`: dotted path of a function `(language) -> iterable of SearchDocument`,
      every published text of the app, called with that language active.
    - `search_answers`: dotted path of a function `(query) -> iterable of SearchAnswer`: the
      app's direct answers to a query (usually none), called with the page's language active.
    - `role_permissions`: {role key: ["app_label.codename", ...]} added to that role; the
      project team gets every content model's permissions without listing them.
    - `not_for_projectteam`: content-adjacent models the project team must not manage.
    """

    content_models: tuple = ()
    redirected_models: tuple = ()
    fixture: str = ""
    fixtures: tuple = ()
    fixture_order: int = 100
    sitemaps: dict = {}
    search_documents: str = ""
    search_answers: str = ""
    role_permissions: dict = {}

    def fixture_files(self):
        """The app's fixture files, in load order."""
        return (self.fixture, *self.fixtures) if self.fixture else tuple(self.fixtures)

    def keep_over_reset(self):
        """Called before `load_content --reset` deletes all content: return what the app must
        give back afterwards (access rights tied to content, say). None: nothing."""
        return None

    def restore_after_reset(self, kept):
        """Called after the fixtures are loaded again, with what `keep_over_reset` returned."""


def content_apps():
    """The installed content apps, in fixture order."""
    found = [config for config in apps.get_app_configs() if isinstance(config, ContentAppConfig)]
    return sorted(found, key=lambda config: config.fixture_order)


def content_models():
    """Every content model, in deletion order across apps (later apps point to earlier ones,
    so their items go first)."""
    return [
        config.get_model(name)
        for config in reversed(content_apps())
        for name in config.content_models
    ]


def is_content(model):
    return model in set(content_models())


def redirected_models():
    return [
        config.get_model(name) for config in content_apps() for name in config.redirected_models
    ]


def fixtures():
    return [name for config in content_apps() for name in config.fixture_files()]


def sitemaps():
    return {
        name: import_string(path)
        for config in content_apps()
        for name, path in config.sitemaps.items()
    }


def search_document_sources():
    return [
        import_string(config.search_documents)
        for config in content_apps()
        if config.search_documents
    ]


def search_answer_sources():
    return [
        import_string(config.search_answers) for config in content_apps() if config.search_answers
    ]


def role_permissions(role):
    return [label for config in content_apps() for label in config.role_permissions.get(role, [])]
