from __future__ import annotations

from django import forms
from django.contrib.auth import login, password_validation
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from vecinos.networks import services, twofactor
from vecinos.networks.auth import SignedInRequest
from vecinos.networks.decorators import coordinator_required
from vecinos.networks.models import Invitation, Role
from vecinos.networks.services import is_staff_member
from vecinos.privacy.audit import audit
from vecinos.privacy.models import Action, AuditEntry


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("The 6-digit code from your authenticator app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


@login_required
def two_factor(request: SignedInRequest) -> HttpResponse:
    """The second step of a staff login; on the first one, setting up the authenticator."""
    if not is_staff_member(request.user):
        raise PermissionDenied
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = twofactor.seconds_to_wait(request.user)
        if wait:
            form.add_error(
                "code",
                ngettext(
                    "After a wrong code, wait %(seconds)d second, then type the code shown now.",
                    "After a wrong code, wait %(seconds)d seconds, then type the code shown now.",
                    wait,
                )
                % {"seconds": wait},
            )
        elif twofactor.verify(request, form.cleaned_data["code"]):
            return redirect(next_url or "console:queue")
        else:
            form.add_error("code", _("That code is not right. Codes change every 30 seconds."))
    device = twofactor.device_for(request.user)
    context = {"form": form, "device": device}
    if not device.confirmed:
        context |= {"secret": twofactor.secret(device), "qr": twofactor.qr_svg(device)}
    return render(
        request, "networks/console/two_factor.html", context, status=400 if form.errors else 200
    )


class AuditFilter(forms.Form):
    action = forms.ChoiceField(
        label=_("What"), choices=[("", _("Everything")), *Action.choices], required=False
    )
    who = forms.CharField(label=_("Who (user name)"), max_length=150, required=False)


class InvitationForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class JoinForm(forms.Form):
    username = forms.RegexField(
        label=_("Your user name"),
        regex=r"^[\w.@+-]{3,40}$",
        help_text=_("3 to 40 letters, digits or . @ + - _; an alias is fine."),
    )
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=200)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


@coordinator_required
def invitations(request: SignedInRequest) -> HttpResponse:
    """Coordinators invite dispatchers and coordinators: there is no open sign-up for staff."""
    form = InvitationForm(request.POST or None)
    link = ""
    if request.method == "POST" and form.is_valid():
        token = services.invite(Role(form.cleaned_data["role"]), request.user)
        audit(request.user, Action.INVITATION_CREATED, form.cleaned_data["role"])
        link = request.build_absolute_uri(reverse("console:join", args=[token]))
    pending = Invitation.objects.filter(used_at=None, expires_at__gt=timezone.now())
    context = {"form": form, "link": link, "pending": pending.select_related("created_by")}
    return render(request, "networks/console/invitations.html", context)


def join(request: HttpRequest, token: str) -> HttpResponse:
    """The invited person's page: choose a name and a password, then set up two-factor."""
    invitation = services.open_invitation(token)
    if invitation is None:
        raise Http404
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.accept_invitation(token, data["username"], data["password"])
        except services.SetupError as error:
            form.add_error("username", str(error))
        else:
            audit(user, Action.INVITATION_USED, invitation.role)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("console:two-factor")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "role": Role(invitation.role)}
    return render(request, "networks/console/join.html", context, status=status)


@coordinator_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit log of the network's staff: who read what, who sent which alert."""
    form = AuditFilter(request.GET or None)
    entries = AuditEntry.objects.select_related("actor")
    if form.is_valid():
        if form.cleaned_data["action"]:
            entries = entries.filter(action=form.cleaned_data["action"])
        if form.cleaned_data["who"]:
            entries = entries.filter(actor__username=form.cleaned_data["who"])
    context = {"entries": entries[:300], "form": form}
    return render(request, "networks/console/audit.html", context)
