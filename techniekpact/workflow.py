"""The editorial workflow: working copies of live items, publishing, review, owners' checks.

The mechanism (compare Wagtail, which keeps a page's edits as revisions beside the live row,
with `live`, `has_unpublished_changes` and `latest_revision`): the content row is always the live
version; a change to a live item is kept as a *working copy*, the changed fields as JSON in
`EditorialState.data`, one per item. The admin form validates the editor's input as usual and
the working copy holds its result; publishing puts the fields on the live row, validates the
whole item again (`full_clean`) and saves it in one step, which records a django-reversion
revision and bumps the content version (the row is content). Nothing public reads
`EditorialState`, so a working copy never reaches a visitor, the page cache or the search index.

Keeping only the *changed* fields means a working copy never turns back a field someone else
published in the meantime; it also is the diff the reviewer sees.
"""

import difflib
import json
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from modeltranslation.translator import NotRegistered, translator
from reversion import create_revision, is_active, set_comment, set_user

from techniekpact.content import content_models
from techniekpact.models import EditorialState, WorkflowEvent
from techniekpact.publishing import OwnerRole, Publishable, Reviewed

logger = logging.getLogger(__name__)

Action = WorkflowEvent.Action


def content_type_of(obj_or_model):
    return ContentType.objects.get_for_model(obj_or_model, for_concrete_model=False)


def workflow_fields(model):
    """The fields a working copy holds: every field an editor can change, translated ones per
    language (name_nl, name_en), not the bare translated name (it mirrors the current one)."""
    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in translated
    ]


def _stored(value):
    """A file field's value as its storage name; a new upload is stored first, so that a
    working copy can point to it (the live item keeps its own file until published)."""
    if isinstance(value, FieldFile):
        if value and not value._committed:
            value.save(value.name, value.file, save=False)
        return value.name or ""
    return value


def serialize(obj):
    """The item's editable values as JSON-ready data (what a working copy stores)."""
    values = {
        field.attname: _stored(field.value_from_object(obj)) for field in workflow_fields(type(obj))
    }
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def apply_values(obj, data):
    """Put stored values on the item in memory (nothing saved)."""
    for field in workflow_fields(type(obj)):
        if field.attname in data:
            setattr(obj, field.attname, field.to_python(data[field.attname]))
    return obj


def changed_values(old, new):
    """The fields whose values differ between two serialized versions, with the new value."""
    return {name: value for name, value in new.items() if old.get(name) != value}


def live_row(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


def state_of(obj):
    if obj is None or obj.pk is None:
        return None
    return EditorialState.objects.filter(
        content_type=content_type_of(obj), object_id=obj.pk
    ).first()


def pending_states(objs):
    """{(content type id, pk): state} of the given items that have a working copy."""
    by_type = {}
    for obj in objs:
        by_type.setdefault(content_type_of(obj).pk, set()).add(obj.pk)
    found = {}
    for type_id, pks in by_type.items():
        for state in EditorialState.objects.filter(
            content_type_id=type_id, object_id__in=pks, data__isnull=False
        ):
            found[(type_id, state.object_id)] = state
    return found


def has_pending_expression(model):
    """An `Exists` telling per row whether it has a working copy (for list columns/filters)."""
    return Exists(
        EditorialState.objects.filter(
            content_type=content_type_of(model), object_id=OuterRef("pk"), data__isnull=False
        )
    )


def working_version(obj):
    """The item as its working copy would make it (a copy in memory), or the item itself."""
    state = state_of(obj)
    if state is None or not state.data:
        return obj
    return apply_values(live_row(obj), state.data)


def record(obj, action, user, note=""):
    return WorkflowEvent.objects.create(
        content_type=content_type_of(obj),
        object_id=obj.pk,
        action=action,
        user=user,
        note=note or "",
    )


def history(obj):
    return WorkflowEvent.objects.filter(
        content_type=content_type_of(obj), object_id=obj.pk
    ).select_related("user")


# Steps.


@transaction.atomic
def save_working_copy(obj, user, publish_at=None):
    """Keep the values `obj` holds in memory (the validated form) as the working copy of its
    live row; the row is not touched. Returns the changed fields (empty: nothing pending)."""
    changed = changed_values(serialize(live_row(obj)), serialize(obj))
    state, _created = EditorialState.objects.select_for_update().get_or_create(
        content_type=content_type_of(obj), object_id=obj.pk
    )
    state.data = changed or None
    state.changed_by = user
    state.changed_at = timezone.now()
    state.publish_at = publish_at if changed else None
    state.save()
    if changed:
        record(obj, Action.SCHEDULED if publish_at else Action.SAVED_DRAFT, user)
    return changed


def _save_live(obj, user, comment):
    """Save the live row inside a django-reversion revision (the admin's, if one is open)."""
    if is_active():
        obj.save()
        set_comment(comment)
        return
    with create_revision():
        set_user(user)
        set_comment(comment)
        obj.save()


@transaction.atomic
def publish(obj, user, action=Action.PUBLISHED, note="", from_form=False):
    """Publish the item in one step. `from_form`: `obj` holds the editor's validated values
    (the admin form); otherwise the working copy is put on the live row and validated here.
    A draft becomes published. Returns the saved live item."""
    state = state_of(obj)
    if from_form:
        item = obj
    else:
        item = live_row(obj)
        if state is not None and state.data:
            apply_values(item, state.data)
    if isinstance(item, Publishable) and not item.is_published:
        item.is_published = True
    if not from_form:
        item.full_clean()
    _save_live(item, user, f"{action.label}. {note}".strip() if note else str(action.label))
    if state is not None:
        state.delete()
    record(item, action, user, note)
    return item


@transaction.atomic
def discard(obj, user):
    state = state_of(obj)
    if state is None or not state.data:
        return False
    state.delete()
    record(obj, Action.DISCARDED, user)
    return True


@transaction.atomic
def submit(obj, user, note="", reviewer=None):
    state, _created = EditorialState.objects.get_or_create(
        content_type=content_type_of(obj), object_id=obj.pk
    )
    state.review = EditorialState.Review.SUBMITTED
    state.review_note = note or ""
    state.submitted_by = user
    state.submitted_at = timezone.now()
    state.reviewer = reviewer
    state.save()
    record(obj, Action.SUBMITTED, user, note)
    return state


@transaction.atomic
def send_back(obj, user, note=""):
    state = state_of(obj)
    state.review = EditorialState.Review.SENT_BACK
    state.review_note = note or ""
    state.save()
    record(obj, Action.SENT_BACK, user, note)
    return state


def confirm_review(obj, user):
    """The owner checked the item and it is still correct: a new check date, nothing else."""
    now = timezone.now()
    type(obj)._default_manager.filter(pk=obj.pk).update(last_reviewed_at=now, next_review_on=None)
    obj.last_reviewed_at, obj.next_review_on = now, None
    record(obj, Action.CONFIRMED, user)


def publish_due(now=None):
    """Publish the working copies whose "publish at" has come (`manage.py publish_scheduled`).
    Returns the items published."""
    now = now or timezone.now()
    published = []
    for state in EditorialState.objects.filter(
        data__isnull=False, publish_at__lte=now
    ).select_related("content_type", "changed_by"):
        obj = state.content_object
        if obj is None:
            state.delete()
            continue
        published.append(publish(obj, state.changed_by))
    return published


# Review lists.


def submitted_for(user):
    """Changes waiting for review that `user` may review: everything submitted for a
    project-team editor, except what they submitted themselves."""
    if not user.has_perm("techniekpact.publish_content"):
        return EditorialState.objects.none()
    return (
        EditorialState.objects.filter(review=EditorialState.Review.SUBMITTED)
        .exclude(submitted_by=user)
        .select_related("content_type", "submitted_by", "reviewer")
        .order_by("submitted_at")
    )


# Differences, for reviewers and for editors whose save came too late.


def _display(field, value):
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(field.to_python(value), value))
    if field.is_relation:
        target = field.related_model._default_manager.filter(pk=value).first()
        return str(target) if target is not None else str(value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return str(value)


def word_diff(old, new):
    """Old and new text with the removed words in <del> and the added ones in <ins> (HTML)."""

    old_words, new_words = old.split(" "), new.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape(" ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(new_words[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))


def field_diff(model, old, new):
    """[{label, old, new, diff}] for each field whose value differs between two serialized
    versions of an item (dicts as `serialize` makes them), in the model's field order."""
    rows = []
    for field in workflow_fields(model):
        name = field.attname
        if name not in old and name not in new:
            continue
        if old.get(name) == new.get(name):
            continue
        before, after = _display(field, old.get(name)), _display(field, new.get(name))
        rows.append(
            {
                "label": str(field.verbose_name),
                "old": before,
                "new": after,
                "diff": word_diff(before, after),
            }
        )
    return rows


def pending_diff(obj, state=None):
    """What the working copy changes, against the live version."""
    state = state or state_of(obj)
    if state is None or not state.data:
        return []
    live = serialize(live_row(obj))
    return field_diff(type(obj), live, {**live, **state.data})


# Owners' checks.


def reviewed_models():
    return [model for model in content_models() if issubclass(model, Reviewed)]


def due_for_review(today=None):
    """Every page-like item whose review date has come, as (item, due date), oldest first."""
    today = today or timezone.localdate()
    due = []
    for model in reviewed_models():
        for obj in model._default_manager.select_related("owner_user"):
            if obj.review_due_on <= today:
                due.append((obj, obj.review_due_on))
    return sorted(due, key=lambda pair: (pair[1], str(pair[0])))


def owner_label(obj):
    if obj.owner_role == OwnerRole.USER and obj.owner_user is not None:
        return obj.owner_user.get_full_name() or obj.owner_user.username
    if obj.owner_role == OwnerRole.COORDINATORS:
        return gettext("Coordinators of %(item)s") % {"item": obj}
    return str(OwnerRole.PROJECTTEAM.label)


def is_owner(obj, user):
    return obj.owners().filter(pk=user.pk).exists()
