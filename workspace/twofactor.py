"""Two-factor sign-in with django-otp: one TOTP device per professional, plus recovery codes
as a static device whose tokens each work once."""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "Woonvinder"
RECOVERY_DEVICE_NAME = "Herstelcodes"


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The device being set up: created once, so the QR code stays the same on reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key as the base32 text authenticator apps accept when typed in."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def throttled(user) -> bool:
    """After a wrong code django-otp makes each device wait longer (1, 2, 4... seconds)."""
    devices = [*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)]
    return bool(devices) and not any(device.verify_is_allowed()[0] for device in devices)


def confirm_device(request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device when the token fits; returns fresh recovery codes, else None."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(device.user)
    otp_login(request, device)
    return codes


def new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    static.token_set.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def verify(request, token: str) -> bool:
    """Sign the session in as verified when the code fits the TOTP device or a recovery code."""
    device = match_token(request.user, token.replace(" ", ""))
    if device is None:
        return False
    otp_login(request, device)
    return True
