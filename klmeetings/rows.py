"""A model's row written or read in a statement of our own, where building the statement cost
the ORM more than running it, in the hot path of an invitation's rush (docs/benchmarks.md): the
INSERT of each registration and its e-mail, and the seat lock's SELECT ... FOR UPDATE. Values
are prepared and converted as the ORM does it, and an INSERT sends pre_save and post_save as
Model.save() does; it calls no save() of the model's own, so it is for models that have none
and whose only value the database makes is the primary key."""

import functools
import weakref

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import signals


def insert(instance):
    """Write the new row `instance` in one INSERT (the statement made once per model) and mark
    it saved, its primary key from the database."""
    model = type(instance)
    signals.pre_save.send(
        sender=model, instance=instance, raw=False, using=connection.alias, update_fields=None
    )
    fields = _written_fields(model)
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(_insert_statement(model, connection.vendor), values)
        if connection.features.can_return_columns_from_insert:
            instance.pk = cursor.fetchone()[0]
        else:
            instance.pk = connection.ops.last_insert_id(
                cursor, model._meta.db_table, model._meta.pk.column
            )
    instance._state.adding = False
    instance._state.db = connection.alias
    signals.post_save.send(
        sender=model,
        instance=instance,
        created=True,
        update_fields=None,
        raw=False,
        using=connection.alias,
    )
    return instance


def columns(model, alias):
    """`model`'s columns in the order `from_row` reads them, for a SELECT with the table as
    `alias`."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


def from_row(model, values):
    """An instance of `model` read from `values`, the columns `columns(model)` selected,
    converted as the ORM converts what the database gives (SQLite gives a date as text)."""
    values = list(values)
    for index, (column, converters) in enumerate(_readers(connections[DEFAULT_DB_ALIAS], model)):
        for convert in converters:
            values[index] = convert(values[index], column, connection)
    names = [field.attname for field in model._meta.concrete_fields]
    return model.from_db(connection.alias, names, values)


def _written_fields(model):
    return [field for field in model._meta.concrete_fields if not field.primary_key]


@functools.cache
def _insert_statement(model, vendor):
    quote = connection.ops.quote_name
    fields = _written_fields(model)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    if connection.features.can_return_columns_from_insert:
        sql += f" RETURNING {quote(model._meta.pk.column)}"
    return sql


# Per connection (each thread has its own) and model: each column with its converters.
_readers_by_connection = weakref.WeakKeyDictionary()


def _readers(database, model):
    readers = _readers_by_connection.setdefault(database, {})
    if model not in readers:
        table = model._meta.db_table
        readers[model] = [
            (column, database.ops.get_db_converters(column) + column.get_db_converters(database))
            for column in (field.get_col(table) for field in model._meta.concrete_fields)
        ]
    return readers[model]
