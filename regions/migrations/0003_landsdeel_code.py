from django.db import migrations, models


def codes_from_dutch_slugs(apps, schema_editor):
    Landsdeel = apps.get_model("regions", "Landsdeel")
    for landsdeel in Landsdeel.objects.all():
        landsdeel.code = landsdeel.slug_nl or landsdeel.slug
        landsdeel.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0002_regionmembership"),
    ]

    operations = [
        migrations.AddField(
            model_name="landsdeel",
            name="code",
            # No index yet: the unique field below creates it (on PostgreSQL a second "_like"
            # index of the same name would clash).
            field=models.SlugField(db_index=False, editable=False, max_length=20, null=True),
        ),
        migrations.RunPython(codes_from_dutch_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="landsdeel",
            name="code",
            field=models.SlugField(
                editable=False,
                help_text="Fixed: links the landsdeel to its shape on the map, whatever its slug.",
                max_length=20,
                unique=True,
                verbose_name="map code",
            ),
        ),
    ]
