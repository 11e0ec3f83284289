"""Professionals with a confirmed TOTP device, residences in the search index, and helpers to
sign in the way a professional does: password, then the code their app shows."""

import time

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from residences import taxonomy
from search.backends import reset_backends
from search.criteria import Criteria
from tests.factories import DEFAULT_PASSWORD, ResidencePageFactory, UserFactory
from workspace.accounts import PROFESSIONAL_GROUP_NAME
from workspace.models import Organisation, OrganisationKind, Professional

DEMENTIA = taxonomy.TargetGroup.ELDERLY_DEMENTIA.value


@pytest.fixture(autouse=True)
def _dutch_and_fresh_backends():
    from django.utils import translation

    reset_backends()
    with translation.override("nl"):
        yield
    reset_backends()


def current_code(device: TOTPDevice) -> str:
    """The six digits the professional's app shows now."""
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(code).zfill(device.digits)


def fresh_code(device: TOTPDevice) -> str:
    """The app's code; when this user already signed in during this 30-second step (django-otp
    accepts a TOTP code once), a recovery code instead, as a professional would use."""
    device.refresh_from_db()
    step = int((time.time() - device.t0) // device.step)
    if device.last_t is None or device.last_t < step:
        return current_code(device)
    static, _created = StaticDevice.objects.get_or_create(
        user=device.user, name="Herstelcodes", defaults={"confirmed": True}
    )
    token = StaticToken.random_token()
    static.token_set.create(token=token)
    return token


@pytest.fixture
def mee(db):
    return Organisation.objects.create(name="MEE Rotterdam Rijnmond", kind=OrganisationKind.MEE)


@pytest.fixture
def wijkteam(db):
    return Organisation.objects.create(
        name="Wijkteam Feijenoord", kind=OrganisationKind.DISTRICT_TEAM
    )


def make_professional(username: str, organisation: Organisation):
    user = UserFactory(
        username=username,
        groups=[Group.objects.get_or_create(name=PROFESSIONAL_GROUP_NAME)[0]],
    )
    Professional.objects.create(user=user, organisation=organisation)
    TOTPDevice.objects.create(user=user, name="Woonvinder", confirmed=True)
    return user


@pytest.fixture
def professional(mee):
    return make_professional("ondersteuner", mee)


@pytest.fixture
def colleague(mee):
    return make_professional("collega", mee)


def sign_in(client, user) -> None:
    """Password and code, through the workspace's own pages."""
    response = client.post(
        "/werkruimte/inloggen/", {"username": user.username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    response = client.post("/werkruimte/inloggen/code/", {"token": fresh_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/werkruimte/"


@pytest.fixture
def signed_in(client, professional):
    sign_in(client, professional)
    return client


@pytest.fixture
def dementia_homes(db, django_capture_on_commit_callbacks):
    """Three published homes for people with dementia, in the search index."""
    with django_capture_on_commit_callbacks(execute=True):
        return [ResidencePageFactory(title=f"Huize Dementie {n}") for n in range(1, 4)]


def dementia_address() -> str:
    criteria = Criteria.build(musts={"target_groups": [DEMENTIA]})
    return "http://testserver/zoeken/?" + criteria.to_query()
