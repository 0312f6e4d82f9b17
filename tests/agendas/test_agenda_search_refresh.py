"""An item the secretariat closes in the admin after publishing leaves the public search at
once, not at the next publishing (the admin refreshes the search text after saving)."""

import pytest

from agendas.models import Agenda, Item
from agendas.services.publishing import publish_agenda
from tests import factories

from .test_agenda_admin import item_post

pytestmark = pytest.mark.django_db


def test_an_item_closed_on_its_admin_page_leaves_the_search_text_at_once(client):
    client.force_login(factories.admin())
    agenda = factories.import_agenda().agenda
    publish_agenda(agenda)
    assert "Aktuelt om kommunestyret" in Agenda.objects.get(pk=agenda.pk).search_text
    item = Item.objects.get(title="Aktuelt om kommunestyret")
    response = client.post(f"/admin/agendas/item/{item.pk}/change/", item_post(item, closed="on"))
    assert response.status_code == 302
    assert Item.objects.get(pk=item.pk).closed
    assert "Aktuelt om kommunestyret" not in Agenda.objects.get(pk=agenda.pk).search_text
