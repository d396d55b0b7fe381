"""Free text about a person is sealed at rest: widen the columns, then seal what is there."""

from django.db import migrations

import vecinos.privacy.fields
from vecinos.privacy.crypto import seal

FREE_TEXT = {
    "reports_report": ["uniform", "equipment", "why_immigration", "details"],
    "reports_timelineentry": ["note"],
}


def seal_existing(apps, schema_editor):
    """Raw SQL: the model's field would try to open these plaintext values."""
    with schema_editor.connection.cursor() as cursor:
        for table, columns in FREE_TEXT.items():
            cursor.execute(f"SELECT id, {', '.join(columns)} FROM {table}")  # noqa: S608
            for row_id, *values in cursor.fetchall():
                sealed = [seal(value) if value else value for value in values]
                assignments = ", ".join(f"{column} = %s" for column in columns)
                cursor.execute(
                    f"UPDATE {table} SET {assignments} WHERE id = %s",  # noqa: S608
                    [*sealed, row_id],
                )


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0002_responder_events'),
    ]

    operations = [
        migrations.AlterField(
            model_name='report',
            name='details',
            field=vecinos.privacy.fields.SealedTextField(blank=True, max_length=1000),
        ),
        migrations.AlterField(
            model_name='report',
            name='equipment',
            field=vecinos.privacy.fields.SealedTextField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name='report',
            name='uniform',
            field=vecinos.privacy.fields.SealedTextField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name='report',
            name='why_immigration',
            field=vecinos.privacy.fields.SealedTextField(blank=True, max_length=300),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='note',
            field=vecinos.privacy.fields.SealedTextField(blank=True, max_length=500),
        ),
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
    ]
