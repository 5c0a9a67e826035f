"""Scale benchmark: the main pages with the demo content (about a hundred pages and posts) and
again with 20,000 more, in one run; p50 must not grow by more than 20 %.

    .venv/bin/python benchmarks/scale.py [--pages 2000] [--posts 18000] [--seconds 10]

Same deployment and pages as benchmarks/load.py. The whole-page cache is turned off
(PAGE_CACHE_SECONDS=0) so that every request renders its page: a cache hit costs the same
whatever the amount of content, and would hide what this benchmark looks for.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Deployment, check_page, require_tools, wrk  # noqa: E402

HERE = Path(__file__).parent
MAX_GROWTH = 0.20


def measure(deployment, seconds, connections):
    targets = deployment.script(HERE / "targets.py")
    cookies = targets["cookies"]
    figures = {}
    with deployment.gunicorn(workers=2) as base:
        for audience, cookie_name in (("anonyme", "anonymous"), ("connecté", "member")):
            for name, path in targets["pages"].items():
                personal = cookie_name == "member" or "diagnostic" in path
                cookie = cookies[cookie_name] if personal else None
                check_page(base + path, cookie)
                wrk(base + path, cookie, seconds=1, connections=connections)  # warm-up
                figures[name, audience] = wrk(
                    base + path, cookie, seconds=seconds, connections=connections
                )
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=18000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=2)
    options = parser.parse_args()
    require_tools()
    deployment = Deployment(name="spaser_scale")
    deployment.env["PAGE_CACHE_SECONDS"] = "0"
    try:
        print("Préparation : base, contenu de démonstration, fichiers statiques…", flush=True)
        deployment.create()
        small_counts = deployment.script(HERE / "bulk.py", "0", "0")
        small = measure(deployment, options.seconds, options.connections)
        print(f"Ajout de {options.pages} pages et {options.posts} messages…", flush=True)
        large_counts = deployment.script(HERE / "bulk.py", str(options.pages), str(options.posts))
        large = measure(deployment, options.seconds, options.connections)
    finally:
        deployment.drop()

    print(
        f"\ngunicorn 2 workers, wrk {options.connections} connections, {options.seconds} s per "
        "page, page cache off (PostgreSQL + Redis, production settings)"
    )
    print(
        f"petite base : {small_counts['pages']} pages, {small_counts['posts']} messages ; "
        f"grande base : {large_counts['pages']} pages, {large_counts['posts']} messages\n"
    )
    header = f"{'page':<26}{'public':<10}{'p50 petite':>12}{'p50 grande':>12}{'écart':>8}"
    print(header)
    print("-" * len(header))
    failures = []
    for (name, audience), before in small.items():
        after = large[name, audience]
        growth = after["p50"] / before["p50"] - 1
        verdict = "  ok" if growth <= MAX_GROWTH else "  TROP LENT"
        print(
            f"{name:<26}{audience:<10}{before['p50']:>10.1f}ms{after['p50']:>10.1f}ms"
            f"{growth:>+8.0%}{verdict}"
        )
        if growth > MAX_GROWTH:
            failures.append(f"{name} ({audience}): p50 {growth:+.0%}")
        if after["errors"] or before["errors"]:
            failures.append(f"{name} ({audience}): réponses en erreur")
    if failures:
        print("\n" + "\n".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
