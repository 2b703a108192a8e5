"""Staff accounts, calls and call-back requests, in the same database as the directory.

Plain SQLAlchemy, written 2.0-style (``select()``, ``Session.execute``, future
engines). These tables have their own metadata and are made with
``create_all`` on first use; the directory's Alembic history never sees them.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base
from werkzeug.security import check_password_hash, generate_password_hash

from directory import db as directory_db

Base = declarative_base()

MIN_PASSWORD_LENGTH = 12


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class StaffUser(Base):
    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    username = Column(String(80), unique=True, nullable=False, index=True)
    password_hash = Column(String(255), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)

    # Flask-Login's user interface
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return str(self.id)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class StaffCall(Base):
    """One guided call. The id doubles as the Rasa conversation id."""

    __tablename__ = "staff_calls"

    id = Column(String(64), primary_key=True, default=lambda: "call-" + secrets.token_urlsafe(24))
    started_by = Column(Integer, ForeignKey("staff_users.id", ondelete="SET NULL"), nullable=True)
    started_at = Column(DateTime, nullable=False, default=utcnow)


class CallbackRequest(Base):
    """The least we need to ring someone back. Purged after ``retention_days``."""

    __tablename__ = "staff_callbacks"

    id = Column(Integer, primary_key=True)
    call_id = Column(String(64), ForeignKey("staff_calls.id", ondelete="SET NULL"), nullable=True)
    name = Column(String(120), nullable=False)
    phone = Column(String(40), nullable=False)
    best_time = Column(String(120), nullable=False, default="")
    reason = Column(Text, nullable=False, default="")
    recorded_by = Column(Integer, ForeignKey("staff_users.id", ondelete="SET NULL"), nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


_schema_ready: set[str] = set()


def get_engine(url: str) -> Engine:
    """The shared engine for ``url`` (``directory.db`` caches one per URL), with our tables made."""
    engine = directory_db.get_engine(url)
    if url not in _schema_ready:
        Base.metadata.create_all(engine)
        _schema_ready.add(url)
    return engine


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    get_engine(url)
    with directory_db.session_scope(url) as session:
        yield session


class StaffAccountError(ValueError):
    """A plain-English reason an account could not be made."""


def create_staff(session: Session, username: str, password: str) -> StaffUser:
    username = username.strip()
    if not username or len(username) > 80:
        raise StaffAccountError("Give a username of 1 to 80 characters.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffAccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")
    if find_staff(session, username) is not None:
        raise StaffAccountError(f"There is already an account called {username!r}.")
    user = StaffUser(username=username)
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


def find_staff(session: Session, username: str) -> StaffUser | None:
    return session.execute(select(StaffUser).where(StaffUser.username == username.strip())).scalar_one_or_none()


def purge_callbacks(session: Session, retention_days: int, now: datetime | None = None) -> int:
    """Delete call-back requests (and calls) older than the retention period; return how many."""
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    removed = session.execute(delete(CallbackRequest).where(CallbackRequest.created_at < cutoff)).rowcount
    session.execute(delete(StaffCall).where(StaffCall.started_at < cutoff))
    return removed or 0
