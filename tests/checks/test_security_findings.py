"""The low findings of the penetration test (issue 14, item 7), each held by a test."""

import pytest

pytestmark = pytest.mark.django_db


def test_static_files_carry_the_security_headers_pages_carry(client):
    response = client.get("/static/css/klmeetings.css")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]
