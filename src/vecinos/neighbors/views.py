from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vecinos.messaging import channels
from vecinos.messaging.channels.webpush.type import WebPushType
from vecinos.neighbors import messages, services
from vecinos.neighbors.forms import ConfirmForm, ResendForm, SubscribeForm


def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.subscribe(
                data["channel"],
                data["address"],
                data["language"],
                form.area_requests(),
                data.get("heads_up", False),
            )
        except (services.SubscriptionError, channels.InvalidAddress) as error:
            form.add_error(None, str(error))
        else:
            return _code_page(request, data["channel"], data["address"])
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "webpush_key": WebPushType.public_key()}
    return render(request, "neighbors/subscribe.html", context, status=status)


def _code_page(
    request: HttpRequest,
    channel: str,
    address: str,
    form: ConfirmForm | None = None,
    status: int = 200,
    resent: bool = False,
    error: str = "",
) -> HttpResponse:
    """Where the code went (the channel, the address masked) and a way to ask for another."""
    initial = {"channel": channel, "address": address}
    kind = channels.TYPES.get(channel)
    context = {
        "form": form or ConfirmForm(initial=initial),
        "resend_form": ResendForm(initial=initial),
        "channel_label": kind.label if kind else "",
        "masked_address": services.masked_address(channel, address) if kind else "",
        "resent": resent,
        "error": error,
    }
    return render(request, "neighbors/confirm.html", context, status=status)


def confirm(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _code_page(request, "", "")
    form = ConfirmForm(request.POST)
    channel, address = request.POST.get("channel", ""), request.POST.get("address", "")
    if form.is_valid():
        data = form.cleaned_data
        try:
            contact = services.confirm(data["channel"], data["address"], data["code"])
        except services.SubscriptionError as error:
            form.add_error("code", str(error))
        else:
            context = {
                "areas": services.area_names(contact),
                "keyword_channel": channels.channel_type(contact.channel).takes_keywords,
            }
            return render(request, "neighbors/subscribed.html", context)
    return _code_page(request, channel, address, form, status=400)


@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    form = ResendForm(request.POST)
    if not form.is_valid():
        return _code_page(request, "", "", status=400)
    data = form.cleaned_data
    try:
        services.resend_code(data["channel"], data["address"])
    except services.SubscriptionError as error:
        return _code_page(request, data["channel"], data["address"], status=400, error=str(error))
    return _code_page(request, data["channel"], data["address"], resent=True)


# The signed token in the URL is the authorization, and a mail provider's one-click
# unsubscribe (RFC 8058) posts with no cookie and no CSRF token.
@csrf_exempt
def stop(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link in every message. GET only asks, so link previews stop nobody;
    any POST stops, whether from the page's button or from a mail provider."""
    contact = messages.contact_for_stop_token(token)
    if contact is None:
        raise Http404
    if request.method == "POST":
        services.stop(contact)
        return render(request, "neighbors/stopped.html")
    return render(request, "neighbors/stop.html")
