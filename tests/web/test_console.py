"""The dispatcher's console: who may enter, the live queue, and working an incident."""

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD, staff_client
from tests.helpers import incident_at, report_at
from vecinos.alerts.models import Alert, AlertTemplate
from vecinos.networks.models import Area
from vecinos.reports.lifecycle import claim_incident, verify_incident
from vecinos.reports.models import Incident, Report, Source, Status

CONSOLE_PAGES = ["/es/console/", "/es/console/queue/live/", "/es/console/hotline/"]


@pytest.mark.parametrize("page", CONSOLE_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(network, page):
    response = Client().get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/es/console/login/")


@pytest.mark.parametrize("page", CONSOLE_PAGES)
def test_an_account_without_a_role_is_refused(network, outsider, page):
    client = Client()
    client.force_login(outsider)
    assert client.get(page).status_code == 403


def test_a_password_alone_leads_to_setting_up_an_authenticator(network, dispatcher):
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.post("/es/console/login/", {"username": "ana", "password": PASSWORD})
    response = client.get("/es/console/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/es/console/two-factor/")
    page = response.content.decode()
    assert 'id="totp-secret"' in page and "<svg" in page


def _half_logged_in(dispatcher):
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.post("/es/console/login/", {"username": "ana", "password": PASSWORD})
    client.get("/es/console/two-factor/")
    return client, TOTPDevice.objects.get(user=dispatcher)


def test_the_authenticator_code_opens_the_console(network, dispatcher):
    client, device = _half_logged_in(dispatcher)
    right = client.post(
        "/es/console/two-factor/?next=/es/console/", {"code": f"{totp(device.bin_key):06d}"}
    )
    assert right["Location"] == "/es/console/"
    assert client.get("/es/console/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_authenticator_code_is_refused_and_slows_the_next_try(network, dispatcher):
    client, device = _half_logged_in(dispatcher)
    wrong = f"{(totp(device.bin_key) + 1) % 10**6:06d}"
    response = client.post("/es/console/two-factor/", {"code": wrong})
    assert response.status_code == 400
    assert "Ese código no es correcto" in response.content.decode()
    right_too_soon = client.post("/es/console/two-factor/", {"code": f"{totp(device.bin_key):06d}"})
    assert right_too_soon.status_code == 400
    assert client.get("/es/console/").status_code == 302


def test_a_right_code_too_soon_after_a_wrong_one_says_to_wait(network, dispatcher):
    client, device = _half_logged_in(dispatcher)
    client.post("/es/console/two-factor/", {"code": f"{(totp(device.bin_key) + 1) % 10**6:06d}"})
    right_too_soon = client.post("/es/console/two-factor/", {"code": f"{totp(device.bin_key):06d}"})
    assert "espere 1 segundo" in right_too_soon.content.decode()


def test_the_demo_may_turn_two_factor_off(network, dispatcher, settings):
    settings.REQUIRE_TWO_FACTOR = False
    client = Client()
    client.post("/es/console/login/", {"username": "ana", "password": PASSWORD})
    assert client.get("/es/console/").status_code == 200


def test_a_wrong_password_is_refused_in_spanish(network, dispatcher):
    response = Client().post("/es/console/login/", {"username": "ana", "password": "nope"})
    assert response.status_code == 200
    assert 'class="error-box"' in response.content.decode()
    assert "usuario" in response.content.decode()


def test_a_new_report_shows_up_in_the_live_fragment(network, here_cell, dispatcher_client):
    assert (
        "No hay incidentes abiertos."
        in dispatcher_client.get("/es/console/queue/live/").content.decode()
    )
    incident = incident_at(here_cell)
    fragment = dispatcher_client.get("/es/console/queue/live/").content.decode()
    assert f"#{incident.pk}" in fragment and "Florence-Firestone" in fragment


def test_the_queue_page_polls_for_updates(network, dispatcher_client):
    page = dispatcher_client.get("/es/console/").content.decode()
    assert 'hx-trigger="every 2s"' in page


def test_a_dispatcher_claims_verifies_and_publishes(network, here_cell, dispatcher_client):
    incident = incident_at(here_cell)
    base = f"/es/console/incidents/{incident.pk}/"
    dispatcher_client.post(base + "claim/")
    dispatcher_client.post(base + "verify/", {"outcome": "confirmed", "note": "en el lugar"})
    form = dispatcher_client.get(base + "publish/?kind=verified").content.decode()
    assert "No abran la puerta" in form
    response = dispatcher_client.post(
        base + "publish/",
        {
            "kind": "verified",
            "rings": "2",
            "expires_in_minutes": "60",
            "certainty": "Observed",
            "headline_es": "Agentes en Florence",
            "body_es": "No abran la puerta.",
            "headline_en": "Agents in Florence",
            "body_en": "Do not open the door.",
            "confirmed": "1",
        },
    )
    assert response.status_code == 302
    alert = Alert.objects.get()
    assert alert.texts["es"]["headline"] == "Agentes en Florence"
    timeline = dispatcher_client.get(base).content.decode()
    assert "Alerta publicada" in timeline and "Verificación registrada" in timeline


def test_a_claimed_incident_shows_who_has_it(
    network, here_cell, other_dispatcher, dispatcher_client
):
    incident = claim_incident(incident_at(here_cell), other_dispatcher)
    page = dispatcher_client.get(f"/es/console/incidents/{incident.pk}/").content.decode()
    assert "Tomarlo en lugar de beto" in page
    response = dispatcher_client.post(
        f"/es/console/incidents/{incident.pk}/verify/", {"outcome": "confirmed"}, follow=True
    )
    assert "beto está trabajando en este incidente" in response.content.decode()
    assert Incident.objects.get().status == Status.VERIFYING


def test_a_dispatcher_merges_and_splits_by_hand(network, here_cell, dispatcher_client):
    first = report_at(here_cell, minutes_ago=30)
    second = report_at(here_cell, minutes_ago=5)
    base = f"/es/console/incidents/{first.incident_id}/"
    dispatcher_client.post(base + "split/", {"reports": [second.pk]})
    assert Incident.objects.count() == 2
    dispatcher_client.post(base + "merge/", {"other": Report.objects.get(pk=second.pk).incident_id})
    assert Incident.objects.count() == 1


def test_a_hotline_call_is_entered_in_a_few_fields(network, dispatcher_client):
    area = Area.objects.get(name="Watts")
    response = dispatcher_client.post(
        "/es/console/hotline/", {"activity": "vehicle_stop", "area": area.pk, "when": "15"}
    )
    report = Report.objects.get()
    assert response["Location"] == f"/es/console/incidents/{report.incident_id}/"
    assert (report.source, report.entered_by.username) == (Source.HOTLINE, "ana")


def test_publishing_a_kind_the_incident_cannot_have_is_refused(
    network, here_cell, dispatcher_client
):
    incident = incident_at(here_cell)
    response = dispatcher_client.get(f"/es/console/incidents/{incident.pk}/publish/?kind=verified")
    assert response.status_code == 302
    assert not Alert.objects.exists()


def test_console_actions_refuse_get(network, here_cell, dispatcher_client):
    incident = incident_at(here_cell)
    assert dispatcher_client.get(f"/es/console/incidents/{incident.pk}/claim/").status_code == 405


def test_only_coordinators_edit_templates(network, dispatcher_client, coordinator):
    template = AlertTemplate.objects.filter(language="es").first()
    assert dispatcher_client.get(f"/es/console/templates/{template.pk}/").status_code == 403
    client = staff_client(coordinator)
    response = client.post(
        f"/es/console/templates/{template.pk}/", {"headline": "Hola {nombre}", "body": "x"}
    )
    assert response.status_code == 400
    assert "Marcador desconocido: nombre" in response.content.decode()
    client.post(f"/es/console/templates/{template.pk}/", {"headline": "¡Ojo! {area}", "body": "x"})
    template.refresh_from_db()
    assert template.headline == "¡Ojo! {area}"


def test_closing_from_the_console_erases_details(network, here_cell, dispatcher, dispatcher_client):
    report = report_at(here_cell, details="puerta azul")
    verify_incident(report.incident, dispatcher, Status.UNFOUNDED)
    dispatcher_client.post(f"/es/console/incidents/{report.incident_id}/close/", {"confirmed": "1"})
    report.refresh_from_db()
    assert report.details == ""


def test_the_template_editor_shows_sms_segments(network, coordinator):
    client = staff_client(coordinator)
    response = client.get("/es/console/segments/", {"headline": "Hola", "body": "á" * 80})
    assert "SMS: 2 segmentos (UCS-2, 85 caracteres)" in response.content.decode()


def test_alert_progress_is_shown_per_channel(
    network, block, confirmed, dispatcher, dispatcher_client
):
    from tests.helpers import subscriber
    from vecinos.alerts.publishing import AlertRequest, publish_alert

    subscriber(network, "sms", "+13235550160", [block])
    alert = publish_alert(confirmed, dispatcher, AlertRequest(kind="verified"))
    fragment = dispatcher_client.get(f"/es/console/alerts/{alert.pk}/progress/").content.decode()
    assert "<td>sms</td><td>1</td>" in fragment


def test_an_organizer_follows_an_incident_without_its_action_buttons(network, here_cell, organizer):
    from tests.conftest import staff_client
    from tests.helpers import incident_at

    incident = incident_at(here_cell, details="puerta verde")
    page = staff_client(organizer).get(f"/es/console/incidents/{incident.pk}/").content.decode()
    assert "puerta verde" in page
    assert "/claim/" not in page and "/verify/" not in page and "/call-out/" not in page


def test_the_menu_offers_a_dispatcher_only_what_a_dispatcher_may_open(dispatcher_client):
    menu = dispatcher_client.get("/es/console/").content.decode()
    assert "/es/console/hotline/" in menu
    for coordinators_only in ("/es/console/audit/", "/es/console/invitations/"):
        assert coordinators_only not in menu
        assert dispatcher_client.get(coordinators_only).status_code == 403


def test_the_menu_offers_a_coordinator_the_audit_log(network, coordinator):
    assert "/es/console/audit/" in staff_client(coordinator).get("/es/console/").content.decode()


def test_a_refused_console_page_leads_back_to_the_console(dispatcher_client):
    page = dispatcher_client.get("/es/console/audit/").content.decode()
    assert 'href="/es/console/"' in page


def test_the_audit_log_records_irreversible_steps_and_filters_them(
    network, coordinator, dispatcher
):
    from vecinos.privacy.audit import audit
    from vecinos.privacy.models import Action

    audit(dispatcher, Action.INCIDENTS_MERGED, "#1 → #2")
    audit(coordinator, Action.RESPONDER_VETTED, "#7")
    page = staff_client(coordinator).get("/es/console/audit/", {"action": "merged"})
    text = page.content.decode()
    assert "Unió dos incidentes" in text and "#7" not in text
    by_who = staff_client(coordinator).get("/es/console/audit/", {"who": "carmen"})
    assert "#7" in by_who.content.decode() and "#1 → #2" not in by_who.content.decode()


def test_merging_and_closing_are_in_the_audit_log(network, here_cell, dispatcher):
    from tests.helpers import incident_at
    from vecinos.privacy.models import AuditEntry
    from vecinos.reports.clustering import merge_incidents

    first = incident_at(here_cell)
    second = incident_at(here_cell, minutes_ago=200)
    merge_incidents(first, second, dispatcher)
    assert AuditEntry.objects.filter(action="merged", actor=dispatcher).exists()


def test_an_all_clear_is_drafted_with_how_many_were_taken(network, confirmed, dispatcher_client):
    page = dispatcher_client.get(
        f"/es/console/incidents/{confirmed.pk}/publish/", {"kind": "all_clear", "people_taken": 2}
    )
    assert "Se llevaron a 2 personas" in page.content.decode()


def test_the_count_of_people_taken_reaches_the_message_even_after_editing(confirmed, dispatcher):
    from vecinos.alerts.publishing import AlertRequest, publish_alert

    edited = {"es": {"headline": "Se fueron", "body": "Los agentes se fueron."}}
    alert = publish_alert(
        confirmed, dispatcher, AlertRequest(kind="all_clear", texts=edited, people_taken=2)
    )
    assert alert.texts["es"]["body"].endswith(
        "Se llevaron a 2 personas. Las familias pueden llamar a la red para pedir ayuda."
    )


def test_the_timeline_reads_in_the_readers_language(network, confirmed, dispatcher, settings):
    from vecinos.alerts.publishing import AlertRequest, publish_alert

    publish_alert(confirmed, dispatcher, AlertRequest(kind="verified"))
    page = staff_client(dispatcher).get(f"/es/console/incidents/{confirmed.pk}/")
    text = page.content.decode()
    assert "Confirmado" in text and "confirmed:" not in text
    assert "verified #" not in text


def test_a_merged_incidents_address_leads_to_the_one_it_joined(here_cell, dispatcher):
    from tests.helpers import incident_at
    from vecinos.reports.clustering import merge_incidents

    first, second = incident_at(here_cell), incident_at(here_cell, minutes_ago=200)
    old = second.pk
    merge_incidents(first, second, dispatcher)
    answer = staff_client(dispatcher).get(f"/es/console/incidents/{old}/", follow=True)
    assert answer.redirect_chain[-1][0] == f"/es/console/incidents/{first.pk}/"
    assert f"#{old}" in answer.content.decode()


def test_reports_joining_one_after_another_are_one_line_of_the_timeline(here_cell, dispatcher):
    from tests.helpers import report_at

    incident = report_at(here_cell).incident
    for _ in range(3):
        report_at(here_cell)
    page = staff_client(dispatcher).get(f"/es/console/incidents/{incident.pk}/")
    assert page.content.decode().count("Se sumó otro reporte") == 1
    assert "(×3)" in page.content.decode()


def test_an_organizer_sees_the_reports_without_boxes_to_move_them(network, here_cell, organizer):
    from tests.helpers import incident_at

    incident = incident_at(here_cell)
    page = staff_client(organizer).get(f"/es/console/incidents/{incident.pk}/").content.decode()
    assert 'name="reports"' not in page
