"""Login tries (core.accounts.login): slowed retries per account name and per client address, the
same answers for unknown names, waits that nobody can stretch, unlock."""
import datetime as dt

import pytest

from core.accounts import login, users
from core.db.models import AuditLog, LoginThrottle

T0 = dt.datetime(2026, 11, 24, 9, 0, 0)


@pytest.fixture
def accounts(db, monkeypatch):
    for name, value in (("PATENT_LOGIN_MAX_FAILURES", "3"), ("PATENT_LOGIN_ACCOUNT_MAX_WAIT", "8"),
                        ("PATENT_LOGIN_ADDRESS_MAX_WAIT", "64")):
        monkeypatch.setenv(name, value)
    users.create_user("admin", "admin-pw-123", "admin")
    users.create_user("li", "li-pw-12345", "viewer")


def _answer(result: login.Attempt) -> tuple:
    return result.ok, result.wait


def _keys(name: str, address: str | None) -> list[str]:
    return [login.throttle.account_key(name)] + (
        [login.throttle.address_key(address)] if address else [])


def _wrong_tries(name: str, address: str | None, count: int, start: dt.datetime) -> list[int]:
    """`count` wrong passwords, each as soon as allowed; the wait asked after each."""
    waits, now = [], start
    for _ in range(count):
        now += dt.timedelta(seconds=login.throttle.wait_seconds(_keys(name, address), now))
        assert _answer(login.attempt(name, "wrong", address, now)) == (False, 0)
        waits.append(login.throttle.wait_seconds(_keys(name, address), now))
    return waits


def test_retries_are_slowed_after_the_limit_and_the_account_wait_stays_short(accounts):
    assert _wrong_tries("admin", None, 7, T0) == [0, 0, 1, 2, 4, 8, 8]  # capped at 8 s


def test_a_try_during_the_wait_is_refused_unchecked_and_does_not_stretch_the_wait(accounts):
    _wrong_tries("admin", None, 5, T0)
    row = LoginThrottle.get(LoginThrottle.key == "user:admin")
    later = row.last_failure + dt.timedelta(seconds=3)
    for password in ("wrong", "admin-pw-123"):
        assert _answer(login.attempt("admin", password, None, later)) == (False, 1)
    assert LoginThrottle.get(LoginThrottle.key == "user:admin").blocked_until == row.blocked_until
    after = login.attempt("admin", "admin-pw-123", None, row.blocked_until)
    assert after.ok and after.user.username == "admin"
    assert not LoginThrottle.select().where(LoginThrottle.key == "user:admin").exists()


def test_unknown_names_and_inactive_accounts_get_the_same_answers_as_real_ones(accounts):
    users.create_user("old", "old-pw-12345", "viewer")
    users.update_user("old", "admin", active=False)
    real = _wrong_tries("li", None, 6, T0)
    assert real == [0, 0, 1, 2, 4, 8]
    assert _wrong_tries("nobody", None, 6, T0) == real
    assert _wrong_tries("old", None, 6, T0) == real
    blocked = T0 + dt.timedelta(seconds=8)
    assert {_answer(login.attempt(n, "x", None, blocked)) for n in ("li", "nobody", "old")} == {
        (False, 7)}
    assert _answer(login.attempt("old", "old-pw-12345", None, T0 + dt.timedelta(hours=2))) == (
        False, 0)
    failed = AuditLog.select().where(AuditLog.action == "login_failed", AuditLog.username == "nobody")
    assert failed.count() == 6


def test_one_address_trying_many_names_is_slowed_and_others_are_not(accounts):
    answers = [_answer(login.attempt(name, "wrong", "10.0.0.9", T0 + dt.timedelta(minutes=i)))
               for i, name in enumerate(("a1", "a2", "a3", "a4", "a5"))]
    assert answers == [(False, 0)] * 5
    now = T0 + dt.timedelta(minutes=4)
    assert _answer(login.attempt("li", "li-pw-12345", "10.0.0.9", now)) == (False, 4)
    assert login.attempt("li", "li-pw-12345", "10.0.0.7", now).ok


def test_the_address_wait_grows_past_the_account_cap(accounts):
    assert _wrong_tries("li", "10.0.0.9", 9, T0) == [0, 0, 1, 2, 4, 8, 16, 32, 64]


def test_an_admin_unlock_clears_the_account_wait(accounts):
    _wrong_tries("admin", None, 6, T0)
    row = LoginThrottle.get(LoginThrottle.key == "user:admin")
    shown = {r["username"]: (r["failed_attempts"], r["locked_until"])
             for r in users.list_users(row.last_failure)}
    assert shown == {"admin": (6, row.blocked_until), "li": (0, None)}
    users.unlock("admin", "li")
    assert login.attempt("admin", "admin-pw-123", None, row.last_failure).ok
    unlocked = AuditLog.select().where(AuditLog.message == "unlocked").get()
    assert (unlocked.username, unlocked.object_repr) == ("li", "admin")


def test_failures_are_forgotten_after_an_hour_without_one(accounts):
    _wrong_tries("li", None, 3, T0)
    later = T0 + dt.timedelta(hours=2)
    assert _wrong_tries("li", None, 2, later) == [0, 0]
    assert LoginThrottle.get(LoginThrottle.key == "user:li").failures == 2
