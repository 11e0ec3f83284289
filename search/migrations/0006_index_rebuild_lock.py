from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_drop_change_log"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexRebuildLock",
            fields=[
                (
                    "name",
                    models.CharField(max_length=100, primary_key=True, serialize=False),
                ),
                ("acquired_at", models.DateTimeField()),
            ],
            options={"verbose_name": "index rebuild lock"},
        ),
    ]
