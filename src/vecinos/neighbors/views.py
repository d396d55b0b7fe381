from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt

from vecinos.messaging import channels
from vecinos.messaging.channels.webpush.type import WebPushType
from vecinos.neighbors import messages, services
from vecinos.neighbors.forms import ConfirmForm, SubscribeForm


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
                data["heads_up"],
            )
        except (services.SubscriptionError, channels.InvalidAddress) as error:
            form.add_error(None, str(error))
        else:
            confirm_form = ConfirmForm(
                initial={"channel": data["channel"], "address": data["address"]}
            )
            return render(request, "neighbors/confirm.html", {"form": confirm_form})
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "webpush_key": WebPushType.public_key()}
    return render(request, "neighbors/subscribe.html", context, status=status)


def confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.confirm(data["channel"], data["address"], data["code"])
        except services.SubscriptionError as error:
            form.add_error("code", str(error))
        else:
            return render(request, "neighbors/subscribed.html")
    status = 400 if request.method == "POST" else 200
    return render(request, "neighbors/confirm.html", {"form": form}, status=status)


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
