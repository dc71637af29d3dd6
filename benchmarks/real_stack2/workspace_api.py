"""A workspace backend on aiohttp's web routes, the way an aiohttp developer writes one:
``{name}`` placeholders read from ``request.match_info``, with the path
conventions of Spotify, Jira, Confluence, Google Calendar and Gmail, Zoom, Discord, Slack,
Mailgun, PyPI, crates.io and i18next, and resources named in German, French and
Portuguese or with irregular plurals. A server of the second real stack (truth.tsv,
server ``workspace``).

    python -m benchmarks.real_stack2.workspace_api PORT [HOST]
"""

from __future__ import annotations

import sys

from aiohttp import web

PATHS = [
    "/v1/artists/{id}/top-tracks",
    "/v1/albums/{id}/tracks",
    "/v1/playlists/{playlist_id}/tracks",
    "/v1/users/{user_id}/playlists",
    "/rest/api/3/issue/{issueIdOrKey}",
    "/rest/api/3/issue/{issueIdOrKey}/comment/{id}",
    "/rest/api/3/project/{projectIdOrKey}/versions",
    "/wiki/api/v2/pages/{id}/children",
    "/calendar/v3/calendars/{calendarId}/events/{eventId}",
    "/gmail/v1/users/{userId}/messages/{id}",
    "/v2/users/{userId}/meetings",
    "/v2/meetings/{meetingId}/registrants/{registrantId}",
    "/v2/webinars/{webinarId}/panelists/{panelistId}",
    "/api/v10/guilds/{guild_id}/members/{user_id}",
    "/api/v10/channels/{channel_id}/messages/{message_id}/reactions/{emoji}",
    "/api/v1/channels/{channel_id}/messages/{ts}",
    "/v3/{domain_name}/bounces/{address}",
    "/pypi/{project}/json",
    "/pypi/{project}/{version}/json",
    "/api/v1/crates/{crate_id}/{version}/download",
    "/api/v1/rates/{date}",
    "/locales/{lng}/{ns}.json",
    "/v1/nodes/{node_id}",
    "/api/kunden/{kundennummer}/bestellungen/{bestellnummer}",
    "/api/utilisateurs/{utilisateur_id}/adresses/{adresse_id}",
    "/api/pedidos/{pedido_id}/itens/{item_id}",
    "/api/v1/taxes/{tax_id}",
    "/api/v1/batches/{batch_id}",
    "/api/v1/aliases/{alias_id}",
    "/api/v1/quizzes/{quiz_id}",
    "/api/v1/graphs/{graph_id}/vertices/{vertex_id}",
    "/api/v1/curricula/{curriculum_id}",
    "/api/v1/employees/{employee_id}/leaves/{leave_id}",
    "/api/v1/heroes/{hero_id}",
]


async def show(request: web.Request) -> web.Response:
    return web.json_response({"found": dict(request.match_info)})


def make_app() -> web.Application:
    app = web.Application()
    for path in PATHS:
        app.router.add_get(path, show, allow_head=False)
    return app


if __name__ == "__main__":
    host = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
    web.run_app(make_app(), host=host, port=int(sys.argv[1]), print=None)
