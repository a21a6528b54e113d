"""Whether a revision can be restored, and if not, why (in the editor's language).

django-reversion restores a revision by saving every item in it as it was. An item that points
to something that is gone (a landsdeel's coverage whose province was deleted since, a
coordinator whose account was removed) cannot be saved; the database only says so when the
transaction commits, and the editor would get a server error. So the admin asks here first and
tells the editor what stands in the way and what to do about it. Nothing is changed.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext
from reversion import is_registered
from reversion.errors import RevertError
from reversion.models import Version


def _references(version):
    """(field, target pk) for each item this version points to (foreign keys, many-to-many)."""
    model = version._model
    data = version.field_dict
    for field in model._meta.get_fields():
        if not field.concrete or not field.is_relation or field.related_model is None:
            continue
        value = data.get(field.attname)
        if value is None:
            continue
        if field.many_to_many:
            for pk in value:
                yield field, pk
        elif field.many_to_one or field.one_to_one:
            yield field, value


def _exists(model, pk):
    try:
        return model._base_manager.filter(pk=pk).exists()
    except (ValueError, TypeError, ValidationError):
        return False


def _deleted_version(model, pk):
    """The last version of a deleted `model` item, if it can still be recovered."""
    if not is_registered(model):
        return None
    return Version.objects.get_deleted(model).filter(object_id=str(pk)).first()


def restore_problems(revision):
    """What stands in the way of restoring `revision`, as sentences for the editor; [] if
    nothing does. Checked: every item it points to exists now or comes back with it; an item
    that comes back anew does not clash with a unique value (an address, a code) in use now."""
    versions = list(revision.version_set.select_related("content_type"))
    coming_back = {(version.content_type_id, version.object_id) for version in versions}
    problems = []
    for version in versions:
        model = version._model
        if model is None:
            continue
        try:
            references = list(_references(version))
            item = version._object_version.object
        except (RevertError, ValueError, LookupError, FieldDoesNotExist) as error:
            problems.append(str(error))
            continue
        for field, pk in references:
            target = field.related_model
            target_type = ContentType.objects.get_for_model(target)
            if (target_type.pk, str(pk)) in coming_back or _exists(target, pk):
                continue
            problems.append(_missing_reference(model, version.object_repr, target, pk))
        if not _exists(model, version.object_id):
            problems += _clashes(item)
    return list(dict.fromkeys(problems))  # each sentence once, in order


def _missing_reference(model, item, target, pk):
    names = {
        "model": model._meta.verbose_name,
        "item": item,
        "target_model": target._meta.verbose_name,
    }
    deleted = _deleted_version(target, pk)
    if deleted is not None:
        return gettext(
            "The %(model)s “%(item)s” belongs to the %(target_model)s “%(target)s”, which has "
            "been deleted. Recover that %(target_model)s first (“Recover deleted "
            "%(target_models)s” on its list), then try again."
        ) % {
            **names,
            "target": deleted.object_repr,
            "target_models": target._meta.verbose_name_plural,
        }
    return (
        gettext(
            "The %(model)s “%(item)s” belongs to a %(target_model)s that no longer exists and "
            "cannot be recovered."
        )
        % names
    )


def _clashes(item):
    """Unique values of an item that would come back anew, already used by another item."""
    try:
        item.validate_unique()
        item.validate_constraints()
    except ValidationError as error:
        return [
            gettext("%(model)s “%(item)s”: %(problem)s")
            % {"model": capfirst(item._meta.verbose_name), "item": item, "problem": message}
            for message in error.messages
        ]
    return []
