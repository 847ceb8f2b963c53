"""People on force records: persons, their markers and phone numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

MARKERS: tuple[str, ...] = (
    "domestic_abuse_victim",
    "sexual_offence_victim",
    "mental_health",
    "missing_person",
    "child",
    "substance_misuse",
    "sex_worker",
    "modern_slavery",
    "self_harm",
)
MARKER = {name: 1 << bit for bit, name in enumerate(MARKERS)}
SEXES = ("f", "m", "x", "u")
F, M, X, U = range(4)


def _grow(array: npt.NDArray[np.int64], size: int) -> npt.NDArray[np.int64]:
    if size <= len(array):
        return array
    bigger = np.zeros(max(size, 2 * len(array)), dtype=array.dtype)
    bigger[: len(array)] = array
    return bigger


@dataclass
class Population:
    """Persons as growable arrays; person number = index."""

    rng: np.random.Generator
    areas: int
    sex: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(1024, np.int64))
    birth_year: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(1024, np.int64))
    home_area: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(1024, np.int64))
    markers: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(1024, np.int64))
    size: int = 0
    phones: dict[int, list[str]] = field(default_factory=dict)

    def add(
        self,
        count: int,
        *,
        sex: npt.ArrayLike | None = None,
        area: npt.ArrayLike | None = None,
        birth_year: npt.ArrayLike | None = None,
        markers: int = 0,
        phone_share: float = 0.75,
    ) -> npt.NDArray[np.int64]:
        """Create ``count`` persons; return their numbers."""
        rng = self.rng
        first, last = self.size, self.size + count
        for name in ("sex", "birth_year", "home_area", "markers"):
            setattr(self, name, _grow(getattr(self, name), last))
        if sex is None:
            sex = rng.choice(4, count, p=(0.49, 0.48, 0.01, 0.02))
        if area is None:
            area = rng.integers(0, self.areas, count)
        if birth_year is None:
            birth_year = 2026 - np.clip(rng.normal(38, 15, count), 16, 95).astype(np.int64)
        self.sex[first:last] = sex
        self.home_area[first:last] = area
        self.birth_year[first:last] = birth_year
        self.markers[first:last] = markers
        self.size = last
        numbers = np.arange(first, last, dtype=np.int64)
        with_phone = numbers[rng.random(count) < phone_share]
        for person in with_phone:
            self.phones[int(person)] = [self._phone_number()]
            if rng.random() < 0.15:
                self.phones[int(person)].append(self._phone_number())
        return numbers

    def mark(self, persons: npt.ArrayLike, marker: str) -> None:
        self.markers[np.asarray(persons, dtype=np.int64)] |= MARKER[marker]

    def ensure_phone(self, person: int) -> str:
        if person not in self.phones:
            self.phones[person] = [self._phone_number()]
        return self.phones[person][0]

    def _phone_number(self) -> str:
        """A UK mobile (or now and then a landline) in one of the formats people type."""
        rng = self.rng
        if rng.random() < 0.9:
            digits = f"7{rng.integers(400000000, 999999999)}"
        else:
            digits = f"1{rng.integers(130000000, 619999999)}"
        style = rng.random()
        if style < 0.35:
            return f"0{digits[:4]} {digits[4:]}"
        if style < 0.55:
            return f"0{digits}"
        if style < 0.75:
            return f"+44 {digits[:4]} {digits[4:]}"
        if style < 0.95:
            return f"+44{digits}"
        return f"0044{digits}"

    def in_area(self, area: int) -> npt.NDArray[np.int64]:
        return np.flatnonzero(self.home_area[: self.size] == area)


def e164(phone: str) -> str:
    """The E.164 form of a number this module wrote (no parsing library needed)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    return "+44" + digits[1:]
