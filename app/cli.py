"""The `stapwijzer` command line: serve, migrate, demo, digest, create-consultant, invite,
worker."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import time

from sqlalchemy import select

from app.clock import local_today
from app.settings import Settings, get_settings

# Addresses that mean "this machine": links printed for them point at localhost.
LOCAL_HOSTS = {"", "127.0.0.1", "0.0.0.0", "::", "::1", "localhost"}  # noqa: S104 - names only


def with_listen_address(settings: Settings, host: str, port: int) -> Settings:
    """The settings with links (invites, demo sign-in) at the address the server listens on,
    unless BASE_URL was set (behind a proxy the public address differs from the listening one)."""
    if "base_url" in settings.model_fields_set:
        return settings
    shown = "localhost" if host in LOCAL_HOSTS else host
    if ":" in shown:
        shown = f"[{shown}]"  # an IPv6 address in a URL
    return settings.model_copy(update={"base_url": f"http://{shown}:{port}"})


def _add_listen_address(parser: argparse.ArgumentParser) -> None:
    # HOST and PORT are what scripts/run.sh passes on; the flags win over them.
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))


def _factory(settings):
    from app.db import engine_for, make_session_factory

    return make_session_factory(engine_for(settings))


def cmd_serve(args) -> int:
    import uvicorn

    from app.main import create_app

    settings = get_settings()
    app = create_app(with_listen_address(settings, args.host, args.port))
    # X-Forwarded-For decides whose rate limits a request counts against: believed only from
    # the proxies named in TRUSTED_PROXIES (uvicorn's own default trusts 127.0.0.1, where
    # anyone on the host can set the header).
    uvicorn.run(app, host=args.host, port=args.port,
                proxy_headers=bool(settings.trusted_proxies),
                forwarded_allow_ips=list(settings.trusted_proxies) or None,
                access_log=False, log_level="warning")
    return 0


def cmd_migrate(args) -> int:
    from app.db import engine_for
    from app.migrations_runner import downgrade_to_base, is_at_head, upgrade_to_head

    settings = get_settings()
    if args.down:
        downgrade_to_base(settings.database_url)
    else:
        # The container runs this before every start: at head, Alembic is not even imported.
        engine = engine_for(settings)
        try:
            at_head = is_at_head(engine)
        finally:
            engine.dispose()
        if not at_head:
            upgrade_to_head(settings.database_url)
    print("Database migrated." if not args.down else "Database migrated down to empty.")
    return 0


def cmd_demo(args) -> int:
    from app.db import unit_of_work
    from app.demo.seed import is_seeded, issue_demo_links, seed, top_up
    from app.migrations_runner import upgrade_to_head

    settings = with_listen_address(get_settings(), args.host, args.port)
    if settings.is_production:
        print("The demo is not available in production.", file=sys.stderr)
        return 2
    upgrade_to_head(settings.database_url)
    factory = _factory(settings)
    with unit_of_work(factory) as session:
        if not is_seeded(session):
            seed(session, settings, today=local_today())
        else:
            top_up(session, today=local_today())
        links = issue_demo_links(session, settings)
    if args.json:
        print(json.dumps({link.persona: link.link for link in links}))
        return 0
    print_links(links, settings)
    return 0


def print_links(links, settings) -> None:
    from app.demo.seed import DEMO_PASSWORD

    print(f"\nStapwijzer demo at {settings.base_url}: one-time sign-in links (each works once)\n")
    for link in links:
        print(f"  {link.persona:<18} {link.display_name:<16} {link.link}")
        print(f"  {'':<18} {'':<16} code: {link.code}")
    print(f"\n  Staff can also sign in at {settings.base_url}/login with their e-mail and the "
          f"demo password '{DEMO_PASSWORD}'.\n")


def cmd_digest(args) -> int:
    from app.caseload.digest import send_daily
    from app.db import unit_of_work

    with unit_of_work(_factory(get_settings())) as session:
        done = send_daily(session)
    print(f"Cover notices: {done['covers']}; digests of new warnings: {done['digests']}.")
    return 0


def cmd_create_consultant(args) -> int:
    from app.db import unit_of_work
    from app.organisations.models import Organisation
    from app.people.models import Role
    from app.people.service import create_staff_member

    settings = get_settings()
    password = args.password or getpass.getpass("Password: ")
    if len(password) < 12:
        print("Choose a password of at least 12 characters.", file=sys.stderr)
        return 2
    with unit_of_work(_factory(settings)) as session:
        organisation = session.scalar(
            select(Organisation).where(Organisation.slug == args.organisation)
        )
        if organisation is None:
            print(f"No organisation '{args.organisation}'.", file=sys.stderr)
            return 2
        person = create_staff_member(
            session, organisation_id=organisation.id, display_name=args.name, email=args.email,
            password=password, role=Role.admin if args.admin else Role.consultant,
            job_title=args.job_title,
        )
        print(f"Created {person.role.value} {person.email} (id {person.id}).")
    return 0


def cmd_invite(args) -> int:
    from app.auth.links import invite_link
    from app.auth.models import InviteKind
    from app.auth.service import issue_invite
    from app.db import unit_of_work
    from app.network.models import NetworkGrant
    from app.people.models import Person, Role

    settings = get_settings()
    with unit_of_work(_factory(settings)) as session:
        person = session.get(Person, args.person_id)
        if person is None or person.role not in (Role.candidate, Role.network):
            print("Give the id of a candidate or network member.", file=sys.stderr)
            return 2
        candidate_id = None
        kind = InviteKind.candidate_device
        if person.role is Role.network:
            kind = InviteKind.network_member
            candidate_id = session.scalar(
                select(NetworkGrant.candidate_id).where(
                    NetworkGrant.member_id == person.id, NetworkGrant.revoked_at.is_(None)
                ).limit(1)
            )
            if candidate_id is None:
                print("This network member has no active access.", file=sys.stderr)
                return 2
        issued = issue_invite(session, settings, kind=kind, person=person, created_by_id=None,
                              candidate_id=candidate_id)
        print(invite_link(settings, issued.token))
        print(f"code: {issued.code}")
    return 0


def cmd_worker(args) -> int:
    import signal

    from app.clock import configure
    from app.logging_setup import configure_logging
    from app.outbox.senders import senders_for
    from app.outbox.worker import Worker

    settings = get_settings()
    configure_logging(settings.log_level)
    configure(settings.timezone)
    worker = Worker(_factory(settings), settings, senders_for(settings))
    if args.once:
        print(worker.drain().line())
        return 0

    def stop(_signum, _frame):
        # Finish the notification in hand, then leave; the rest of the batch comes back
        # to a worker when its lease ends.
        worker.stop.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    worker.run_forever(before_drain=daily_digest(_factory(settings)))
    return 0


DIGEST_AT = time(7, 30)  # the consultants' digest of new warnings, before the working day


def daily_digest(factory, at: time = DIGEST_AT):
    """A check for the worker's loop: from `at` (local time) run the day's digest once. Several
    workers may each run it: the digest writes every cause once a day."""
    from app.caseload.digest import send_daily
    from app.clock import local_now
    from app.db import unit_of_work

    done_on = None

    def check() -> None:
        nonlocal done_on
        now = local_now()
        if done_on == now.date() or now.time() < at:
            return
        with unit_of_work(factory) as session:
            send_daily(session, now.date())
        done_on = now.date()

    return check


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stapwijzer", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web app")
    _add_listen_address(serve)
    serve.set_defaults(func=cmd_serve)
    migrate = sub.add_parser("migrate", help="migrate the database to the newest schema")
    migrate.add_argument(
        "--down", action="store_true", help="migrate all the way down (empties it)"
    )
    migrate.set_defaults(func=cmd_migrate)
    demo = sub.add_parser("demo", help="seed the demo (when empty) and print fresh sign-in links")
    demo.add_argument("--json", action="store_true", help="one JSON object persona -> link")
    _add_listen_address(demo)
    demo.set_defaults(func=cmd_demo)
    digest = sub.add_parser(
        "digest", help="the daily run: tell backups a cover starts, send each consultant the "
        "digest of new warnings (run once a day, e.g. at 07:30; a second run sends nothing)")
    digest.set_defaults(func=cmd_digest)
    create = sub.add_parser("create-consultant", help="create a consultant (or --admin)")
    create.add_argument("--organisation", required=True, help="organisation slug, e.g. almere")
    create.add_argument("--name", required=True)
    create.add_argument("--email", required=True)
    create.add_argument("--password", help="asked for when omitted")
    create.add_argument("--job-title", default=None)
    create.add_argument("--admin", action="store_true")
    create.set_defaults(func=cmd_create_consultant)
    invite = sub.add_parser(
        "invite", help="print a one-time sign-in link for a candidate or network member"
    )
    invite.add_argument("person_id", type=int)
    invite.set_defaults(func=cmd_invite)
    worker = sub.add_parser("worker", help="send the outbox's notifications (e-mail, push)")
    worker.add_argument("--once", action="store_true",
                        help="send what is due now and exit (for scripts and tests)")
    worker.set_defaults(func=cmd_worker)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
