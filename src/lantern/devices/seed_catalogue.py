# ruff: noqa: E501 (a data table reads best one app a line)
"""The catalogue the review starts with: real apps by their store identifiers.

Android package names and iOS bundle identifiers as the app stores publish
them. The catalogue is the unit's to maintain (the catalogue page edits it,
with every change versioned and audited); this is only its first version.
"""

from __future__ import annotations

# (app_id, name, platform, risk_class, notes)
SEED_CATALOGUE: tuple[tuple[str, str, str, str, str], ...] = (
    # End-to-end encrypted messaging
    ("org.thoughtcrime.securesms", "Signal", "android", "e2e_messaging", "Disappearing messages available."),
    ("org.whispersystems.signal", "Signal", "ios", "e2e_messaging", "Disappearing messages available."),
    ("com.whatsapp", "WhatsApp", "android", "e2e_messaging", "Disappearing messages available."),
    ("com.whatsapp.w4b", "WhatsApp Business", "android", "e2e_messaging", ""),
    ("net.whatsapp.WhatsApp", "WhatsApp", "ios", "e2e_messaging", "Disappearing messages available."),
    ("org.telegram.messenger", "Telegram", "android", "e2e_messaging", "End-to-end only in secret chats; self-destructing messages."),
    ("ph.telegra.Telegraph", "Telegram", "ios", "e2e_messaging", "End-to-end only in secret chats; self-destructing messages."),
    ("ch.threema.app", "Threema", "android", "e2e_messaging", "No phone number needed."),
    ("ch.threema.iapp", "Threema", "ios", "e2e_messaging", "No phone number needed."),
    ("com.wire", "Wire", "android", "e2e_messaging", ""),
    ("im.vector.app", "Element", "android", "e2e_messaging", "Matrix client."),
    ("network.loki.messenger", "Session", "android", "e2e_messaging", "No phone number needed."),
    ("com.viber.voip", "Viber", "android", "e2e_messaging", "Disappearing messages available."),
    ("com.facebook.orca", "Messenger", "android", "e2e_messaging", "End-to-end by default since December 2023."),
    ("com.facebook.Messenger", "Messenger", "ios", "e2e_messaging", "End-to-end by default since December 2023."),
    # Ephemeral messaging
    ("com.mywickr.wickr2", "Wickr Me", "android", "ephemeral_messaging", "Messages expire by design."),
    ("com.mywickr.wickr", "Wickr Me", "ios", "ephemeral_messaging", "Messages expire by design."),
    ("com.snapchat.android", "Snapchat", "android", "ephemeral_messaging", "Snaps disappear once viewed."),
    ("com.toyopagroup.picaboo", "Snapchat", "ios", "ephemeral_messaging", "Snaps disappear once viewed."),
    # Social media
    ("com.facebook.katana", "Facebook", "android", "social", ""),
    ("com.facebook.Facebook", "Facebook", "ios", "social", ""),
    ("com.instagram.android", "Instagram", "android", "social", "Direct messages; vanish mode."),
    ("com.burbn.instagram", "Instagram", "ios", "social", "Direct messages; vanish mode."),
    ("com.twitter.android", "X (Twitter)", "android", "social", "Direct messages."),
    ("com.atebits.Tweetie2", "X (Twitter)", "ios", "social", "Direct messages."),
    ("com.zhiliaoapp.musically", "TikTok", "android", "social", "Same identifier on iOS."),
    # Dating
    ("com.tinder", "Tinder", "android", "dating", ""),
    ("com.cardify.tinder", "Tinder", "ios", "dating", ""),
    ("com.grindrapp.android", "Grindr", "android", "dating", ""),
    ("com.grindrguy.grindrx", "Grindr", "ios", "dating", ""),
    ("co.hinge.app", "Hinge", "android", "dating", ""),
    ("com.bumble.app", "Bumble", "android", "dating", ""),
    ("com.moxco.bumble", "Bumble", "ios", "dating", ""),
    ("com.badoo.mobile", "Badoo", "android", "dating", ""),
    ("com.pof.android", "Plenty of Fish", "android", "dating", ""),
    # VPN
    ("com.nordvpn.android", "NordVPN", "android", "vpn", "Hides traffic from force network monitoring."),
    ("com.expressvpn.vpn", "ExpressVPN", "android", "vpn", "Hides traffic from force network monitoring."),
    ("ch.protonvpn.android", "Proton VPN", "android", "vpn", "Hides traffic from force network monitoring."),
    # Other (known, expected on a police device)
    ("com.microsoft.office.outlook", "Microsoft Outlook", "android", "other", "Force email."),
    ("com.microsoft.Office.Outlook", "Microsoft Outlook", "ios", "other", "Force email."),
    ("com.microsoft.teams", "Microsoft Teams", "android", "other", "Force collaboration."),
    ("com.microsoft.skype.teams", "Microsoft Teams", "ios", "other", "Force collaboration."),
    ("com.azure.authenticator", "Microsoft Authenticator", "android", "other", "Sign-in."),
    ("com.android.chrome", "Chrome", "android", "other", ""),
    ("com.google.android.apps.maps", "Google Maps", "android", "other", ""),
)  # fmt: skip
