"""The demo data of `make run` (manage.py load_demo), gathered the way Django's admin gathers
the apps' admin.py: each app that has demo data keeps it in its own demo.py and registers its
loader there::

    from klmeetings import demo

    @demo.loader
    def load():
        ...
        return "what was made, in Danish"

Every loader is idempotent: running load_demo twice changes nothing.
"""

from django.apps import apps
from django.utils.module_loading import autodiscover_modules

_loaders = []


def loader(function):
    """Registers `function` as its app's demo loader."""
    if function not in _loaders:
        _loaders.append(function)
    return function


def loaders():
    """[(app config, loader)]: every app's demo.py imported, its loaders in the order of
    INSTALLED_APPS (the base before the apps built on it), whatever order they were
    imported in."""
    autodiscover_modules("demo")
    order = list(apps.get_app_configs())
    found = [(apps.get_containing_app_config(load.__module__), load) for load in _loaders]
    return sorted(found, key=lambda pair: order.index(pair[0]))
