"""The demo force's mobile-device-management (MDM) app inventory: two review snapshots.

Written beside the dataset (``<force>/mdm/``), not inside it: the inventory is a
separate export the encrypted-apps review imports (`lantern devices import`).
Each work phone (the same ``DEV…`` ids as the communications table) carries the
force's own apps and, for some holders, messaging, social, dating or VPN apps.
The earlier snapshot is the later one minus apps installed since, plus apps
removed since, so "changes since the last review" has something to show. A few
rows are deliberately bad (a bad date, a missing app, a duplicate) and two name
a holder missing from the staff directory, as real exports do.
No Django: plain inputs, plain CSV out.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import numpy.typing as npt

from lantern.synth.config import ForceConfig

COLUMNS = ("device_id", "holder_staff_id", "app_id", "app_name", "app_version", "installed_on")
REVIEW_GAP_DAYS = 91
ANDROID_SHARE = 0.75
REMOVED_SHARE = 0.25
# Independent of the dataset's random stream, so adding devices changes no other table.
STREAM = 0xDE51CE


@dataclass(frozen=True)
class MdmApp:
    name: str
    android: str | None
    ios: str | None
    share: float  # of devices carrying it
    force_issued: bool = False


APPS: tuple[MdmApp, ...] = (
    MdmApp("Outlook", "com.microsoft.office.outlook", "com.microsoft.Office.Outlook", 1.0, True),
    MdmApp("Microsoft Teams", "com.microsoft.teams", "com.microsoft.skype.teams", 1.0, True),
    MdmApp("Microsoft Authenticator", "com.azure.authenticator", None, 0.9, True),
    MdmApp("Chrome", "com.android.chrome", None, 0.8, True),
    MdmApp("Google Maps", "com.google.android.apps.maps", None, 0.6, True),
    MdmApp("WhatsApp", "com.whatsapp", "net.whatsapp.WhatsApp", 0.30),
    MdmApp("Signal", "org.thoughtcrime.securesms", "org.whispersystems.signal", 0.06),
    MdmApp("Telegram", "org.telegram.messenger", "ph.telegra.Telegraph", 0.04),
    MdmApp("Messenger", "com.facebook.orca", "com.facebook.Messenger", 0.05),
    MdmApp("Threema", "ch.threema.app", "ch.threema.iapp", 0.006),
    MdmApp("Snapchat", "com.snapchat.android", "com.toyopagroup.picaboo", 0.03),
    MdmApp("Wickr Me", "com.mywickr.wickr2", "com.mywickr.wickr", 0.006),
    MdmApp("Facebook", "com.facebook.katana", "com.facebook.Facebook", 0.10),
    MdmApp("Instagram", "com.instagram.android", "com.burbn.instagram", 0.08),
    MdmApp("X", "com.twitter.android", "com.atebits.Tweetie2", 0.04),
    MdmApp("TikTok", "com.zhiliaoapp.musically", "com.zhiliaoapp.musically", 0.03),
    MdmApp("Tinder", "com.tinder", "com.cardify.tinder", 0.008),
    MdmApp("Grindr", "com.grindrapp.android", "com.grindrguy.grindrx", 0.004),
    MdmApp("Bumble", "com.bumble.app", "com.moxco.bumble", 0.006),
    MdmApp("Hinge", "co.hinge.app", None, 0.004),
    MdmApp("NordVPN", "com.nordvpn.android", None, 0.01),
    MdmApp("Proton VPN", "ch.protonvpn.android", None, 0.005),
    # Not in Lantern's first catalogue: the review lists them for classification.
    MdmApp("Discord", "com.discord", None, 0.012),
    MdmApp("Zello PTT Walkie Talkie", "com.loudtalks", None, 0.02),
    MdmApp("Kik", "kik.android", None, 0.01),
)  # fmt: skip


@dataclass(frozen=True)
class Installed:
    device: int
    app: int
    platform_ios: bool
    installed: date
    removed_before_latest: bool


def review_dates(config: ForceConfig) -> tuple[date, date]:
    """The two snapshots: the last day of the period, and thirteen weeks before it."""
    latest = config.start + timedelta(days=config.days - 1)
    return latest - timedelta(days=REVIEW_GAP_DAYS), latest


def _draw(
    has_phone: npt.NDArray[np.bool_], latest: date, rng: np.random.Generator
) -> list[Installed]:
    devices = np.flatnonzero(has_phone)
    ios = rng.random(len(devices)) >= ANDROID_SHARE
    out: list[Installed] = []
    for app_index, app in enumerate(APPS):
        carried = rng.random(len(devices)) < app.share
        # The force's own apps were pushed with the device, before either review.
        low, high = (REVIEW_GAP_DAYS + 1, 900) if app.force_issued else (0, 400)
        ages = rng.integers(low, high, len(devices))
        removed = (rng.random(len(devices)) < REMOVED_SHARE) & (not app.force_issued)
        for k in np.flatnonzero(carried):
            if (app.ios if ios[k] else app.android) is None:
                continue
            installed = latest - timedelta(days=int(ages[k]))
            gone = bool(removed[k]) and int(ages[k]) > REVIEW_GAP_DAYS
            out.append(Installed(int(devices[k]), app_index, bool(ios[k]), installed, gone))
    return out


def _row(item: Installed, staff_base: int, rng: np.random.Generator) -> list[str]:
    app = APPS[item.app]
    app_id = app.ios if item.platform_ios else app.android
    version = f"{rng.integers(1, 30)}.{rng.integers(0, 20)}.{rng.integers(0, 50)}"
    return [f"DEV{staff_base + item.device}", f"S{staff_base + item.device}", str(app_id),
            app.name, version, item.installed.isoformat()]  # fmt: skip


def _bad_rows(rows: list[list[str]], staff_base: int) -> list[list[str]]:
    """What real exports carry: two holders missing from HR, a bad date, a blank app, a repeat."""
    first = rows[0]
    return [
        ["DEV-LOAN-01", f"S{staff_base + 999_900}", "com.whatsapp", "WhatsApp", "2.24.1",
         first[5]],
        ["DEV-LOAN-02", f"S{staff_base + 999_901}", "com.microsoft.teams", "Microsoft Teams",
         "1.0.0", first[5]],
        [first[0], first[1], "com.google.android.youtube", "YouTube", "19.1.2", "2026-02-30"],
        [first[0], first[1], "", "", "", first[5]],
        list(first),
    ]  # fmt: skip


def mdm_inventories_write(
    out_dir: Path, config: ForceConfig, has_phone: npt.NDArray[np.bool_], staff_base: int
) -> list[tuple[date, Path]]:
    """Write ``out_dir/mdm/app-inventory-<date>.csv`` for both review dates."""
    rng = np.random.default_rng([config.seed, STREAM])
    earlier, latest = review_dates(config)
    installed = _draw(has_phone, latest, rng)
    folder = out_dir / "mdm"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for day in (earlier, latest):
        chosen = [
            i for i in installed
            if i.installed <= day and (day == earlier or not i.removed_before_latest)
        ]  # fmt: skip
        chosen.sort(key=lambda i: (i.device, i.app))
        rows = [_row(i, staff_base, rng) for i in chosen]
        if rows:
            rows += _bad_rows(rows, staff_base)
        path = folder / f"app-inventory-{day.isoformat()}.csv"
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        written.append((day, path))
    return written
