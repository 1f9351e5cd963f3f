"""Herramientas del portal: python -m scripts <comando>. Use --help para ver los comandos.

Para el equipo editorial:
  revisar               revisa todo el contenido sin construir el sitio
  nueva-pagina          crea una página con su encabezado
  nuevo-evento          crea un evento de sensibilización
  estado-traducciones   muestra qué traducciones faltan o están desactualizadas
  editar                abre el editor del navegador sobre esta copia (make editar)
Para el equipo técnico:
  sin-conexion          construye la copia sin conexión (ZIP)
  servidor              escribe la configuración de nginx, Apache o Caddy
  bench                 mide tiempos de construcción y bytes descargados
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from scripts.project import Project


class _SpanishHelp(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, prefix or "uso: ")


class _SpanishParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        message = (
            message.replace("the following arguments are required", "faltan estos datos")
            .replace("invalid choice", "opción no válida")
            .replace("unrecognized arguments", "datos no reconocidos")
            .replace("expected one argument", "falta el valor")
        )
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _review(args: argparse.Namespace) -> int:
    from scripts.review import review

    project = Project.load()
    problems = review(project.root, project.docs, project.languages, project.extra.get("data_files", {}))
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} problema(s). Corríjalos antes de publicar.")
        return 1
    print("Todo el contenido está correcto.")
    return 0


def _new_page(args: argparse.Namespace) -> int:
    from scripts.scaffold import ScaffoldError, new_page

    project = Project.load()
    try:
        path = new_page(
            project.docs,
            project.languages,
            args.idioma,
            args.nombre,
            args.titulo,
            args.descripcion,
            with_sources=args.con_fuentes,
        )
    except ScaffoldError as error:
        print(f"No se creó la página: {error}", file=sys.stderr)
        return 1
    print(f"Creada: {path.relative_to(project.root)}")
    if args.idioma == project.languages[0]:
        print(f"Para que aparezca en el menú, añada esta línea en la sección nav de mkdocs.yml:\n  - {path.name}")
    return 0


def _new_event(args: argparse.Namespace) -> int:
    import datetime as dt

    from scripts.scaffold import ScaffoldError, new_event

    project = Project.load()
    if args.en_linea:
        place: object = "en línea"
    else:
        place = {"venue": args.local, "city": args.ciudad, "province": args.provincia}
        place = {key: value for key, value in place.items() if value} or None
    fields = {
        "title": args.titulo,
        "description": args.descripcion,
        "type": args.tipo,
        "start": args.inicio,
        "end": args.fin,
        "place": place,
        "organiser": args.organiza,
        "audience": args.publico,
        "registration": args.inscripcion,
        "last_verified": dt.date.today(),
        "sources": [{"title": fuente} for fuente in args.fuente],
    }
    try:
        path = new_event(project.docs, project.languages[0], args.nombre, fields)
    except ScaffoldError as error:
        print(f"No se creó el evento:\n{error}", file=sys.stderr)
        return 1
    print(f"Creado: {path.relative_to(project.root)}. Revise el texto y haga la solicitud de cambios.")
    return 0


def _translation_status(args: argparse.Namespace) -> int:
    from scripts.translations import Status, table, translation_status

    project = Project.load()
    entries = translation_status(project.root, project.docs, project.languages)
    if args.format == "json":
        print(json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=2))
    else:
        print(table(entries, project.languages, frozenset(filter(project.is_draft, project.languages)), project.root))
    return 1 if any(e.status is not Status.UP_TO_DATE for e in entries) else 0


def _edit(args: argparse.Namespace) -> int:
    from pathlib import Path

    from scripts.editor import missing_editor, serve_editor

    project = Project.load()
    site = Path(args.sitio) if args.sitio else project.root / "site"
    problem = missing_editor(site)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    serve_editor(project.root, site, args.host, args.puerto)
    return 0


def _server(args: argparse.Namespace) -> int:
    from portal.publish import server_config

    languages = Project.load().languages
    https = None
    if not args.sin_https:
        if args.servidor == "caddy" and not args.certificado:  # Caddy obtains and renews them
            https = server_config.Https(
                args.dominio, http_port=args.puerto, https_port=args.puerto_https, hsts=not args.sin_hsts
            )
        else:
            https = server_config.Https.letsencrypt(
                args.dominio, http_port=args.puerto, https_port=args.puerto_https, hsts=not args.sin_hsts
            )
        if args.certificado or args.clave:
            if not (args.certificado and args.clave):
                print(
                    "Indique --certificado y --clave juntos (archivos PEM del certificado y de su clave).",
                    file=sys.stderr,
                )
                return 2
            https = server_config.Https(
                args.dominio,
                args.certificado,
                args.clave,
                http_port=args.puerto,
                https_port=args.puerto_https,
                hsts=not args.sin_hsts,
            )
    if args.servidor == "nginx":
        print(
            server_config.nginx(args.prefijo, args.raiz, languages, port=args.puerto, brotli=args.brotli, https=https),
            end="",
        )
    elif args.servidor == "caddy":
        print(server_config.caddy(args.prefijo, args.raiz, languages, address=f":{args.puerto}", https=https), end="")
    elif args.servidor == "apache-sitio":
        if https is None:
            print("apache-sitio es la configuración HTTPS de Apache: quite --sin-https.", file=sys.stderr)
            return 2
        print(server_config.apache_site(args.prefijo, args.raiz, https), end="")
    else:
        print(server_config.apache(args.prefijo, languages), end="")
    return 0


def _offline(args: argparse.Namespace) -> int:
    from pathlib import Path

    from scripts.offline import build_offline

    project = Project.load()
    output = Path(args.salida) if args.salida else project.root / project.extra["offline_zip"]
    archive = build_offline(output)
    print(
        f"Copia sin conexión: {archive} ({archive.stat().st_size // 1024} KB). "
        "Vuelva a construir el sitio (make build) para enlazarla."
    )
    return 0


def _bench(args: argparse.Namespace) -> int:
    from scripts.bench import run

    return run()


def parser() -> argparse.ArgumentParser:
    main = _SpanishParser(prog="python -m scripts", description=__doc__, formatter_class=_SpanishHelp, add_help=False)
    main.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
    main._positionals.title = "comandos"
    main._optionals.title = "opciones"
    commands = main.add_subparsers(dest="command", metavar="COMANDO", required=True, parser_class=_SpanishParser)

    def command(
        name: str, summary: str, run: Callable[[argparse.Namespace], int], epilog: str | None = None
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            prog=f"python -m scripts {name}",
            help=summary,
            description=summary,
            epilog=epilog,
            formatter_class=_SpanishHelp,
            add_help=False,
        )
        sub.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
        sub._optionals.title = "opciones"
        sub.set_defaults(run=run)
        return sub

    command(
        "revisar",
        "Revisa el encabezado y el texto de todas las páginas y los archivos de "
        "datos, sin construir el sitio. Termina con código 1 si hay problemas.",
        _review,
    )

    page = command(
        "nueva-pagina",
        "Crea una página nueva con su encabezado. Nunca sobrescribe.",
        _new_page,
        epilog="Ejemplo:\n  python -m scripts nueva-pagina --nombre trata-laboral "
        '--titulo "¿Qué es la trata laboral?" --descripcion "Qué es, cómo reconocerla y dónde pedir ayuda."',
    )
    page.add_argument("--nombre", required=True, help="nombre del archivo, sin .md (minúsculas y guiones)")
    page.add_argument("--titulo", required=True, help="título de la página (3 a 90 caracteres)")
    page.add_argument("--descripcion", required=True, help="resumen de 20 a 200 caracteres")
    page.add_argument(
        "--idioma",
        default=Project.load().languages[0],
        choices=Project.load().languages,
        help="idioma (por defecto: es)",
    )
    page.add_argument(
        "--con-fuentes", action="store_true", help="añade los campos sources y last_verified para una página con datos"
    )

    event = command(
        "nuevo-evento",
        "Crea un evento de sensibilización con su encabezado, comprobado antes de guardarlo. Nunca sobrescribe.",
        _new_event,
        epilog="Ejemplo:\n  python -m scripts nuevo-evento --nombre cine-foro-quito "
        '--titulo "Cine foro sobre la trata" --descripcion "Película y conversación para '
        'estudiantes de colegio." --tipo proyeccion --inicio "2027-07-30 10:00:00-05:00" '
        '--fin "2027-07-30 12:00:00-05:00" --local "Casa de la Cultura" --ciudad Quito '
        '--provincia Pichincha --organiza "Ministerio del Interior" --publico Estudiantes '
        '--fuente "Invitación del Ministerio del Interior"',
    )
    event.add_argument("--nombre", required=True, help="nombre del archivo, sin .md (minúsculas y guiones)")
    event.add_argument("--titulo", required=True, help="título del evento (3 a 90 caracteres)")
    event.add_argument("--descripcion", required=True, help="resumen de 20 a 200 caracteres")
    event.add_argument(
        "--tipo", required=True, help="proyeccion, actividad-escolar, dia-conmemorativo, campana, taller, foro u otro"
    )
    event.add_argument("--inicio", help='fecha y hora con zona, "2027-07-30 10:00:00-05:00", o solo la fecha')
    event.add_argument("--fin", help="fecha y hora de fin (mismo formato)")
    event.add_argument("--local", help="lugar (nombre del local)")
    event.add_argument("--ciudad", help="ciudad")
    event.add_argument("--provincia", help="provincia del Ecuador")
    event.add_argument("--en-linea", action="store_true", help="el evento es por internet")
    event.add_argument("--organiza", action="append", required=True, help="institución que organiza (se puede repetir)")
    event.add_argument("--publico", required=True, help="a quién está dirigido")
    event.add_argument("--inscripcion", help="dirección web para inscribirse (https://...)")
    event.add_argument("--fuente", action="append", required=True, help="fuente del dato (se puede repetir)")

    status = command(
        "estado-traducciones",
        "Muestra, para cada página y cada idioma, si la "
        "traducción falta, está desactualizada o al día. Termina con código 1 si "
        "falta alguna o alguna está desactualizada.",
        _translation_status,
    )
    status.add_argument(
        "--format", choices=["tabla", "json"], default="tabla", help="formato de salida (por defecto: tabla)"
    )

    edit = command(
        "editar",
        "Abre el editor del navegador (admin/) sobre esta copia del repositorio, "
        "en modo «repositorio local»: sin cuenta, sin publicar nada.",
        _edit,
    )
    edit.add_argument("--sitio", help="carpeta del sitio construido (por defecto: site/)")
    edit.add_argument("--host", default="127.0.0.1", help="dirección (por defecto: 127.0.0.1)")
    edit.add_argument("--puerto", type=int, default=8000, help="puerto (por defecto: 8000)")

    server = command(
        "servidor",
        "Escribe la configuración del servidor web (cabeceras de "
        "seguridad, caché, páginas 404 por idioma) para publicar la carpeta site/.",
        _server,
        epilog="Ejemplo:\n  python -m scripts servidor nginx --dominio www.ejemplo.gob.ec --prefijo /trata/ "
        "--raiz /var/www/portal > /etc/nginx/conf.d/portal.conf\n\n"
        "HTTPS con HSTS y redirección desde HTTP (certificados de Let's Encrypt en\n"
        "/etc/letsencrypt/live/DOMINIO/; Caddy los obtiene solo). Vea DEPLOYMENT.md.",
    )
    server.add_argument(
        "servidor",
        choices=["nginx", "apache", "apache-sitio", "caddy"],
        help="tipo de servidor (apache: el .htaccess; apache-sitio: los VirtualHost HTTPS y HTTP)",
    )
    server.add_argument(
        "--dominio", default="www.ejemplo.gob.ec", help="nombre del sitio (por defecto: www.ejemplo.gob.ec)"
    )
    server.add_argument("--prefijo", default="/", help="ruta pública del sitio, por ejemplo /trata/ (por defecto: /)")
    server.add_argument("--raiz", default="/var/www/portal", help="carpeta del servidor con el contenido de site/")
    server.add_argument("--puerto", type=int, default=80, help="puerto HTTP (por defecto: 80)")
    server.add_argument("--puerto-https", type=int, default=443, help="puerto HTTPS (por defecto: 443)")
    server.add_argument("--certificado", help="archivo PEM del certificado (por defecto: el de Let's Encrypt)")
    server.add_argument("--clave", help="archivo PEM de la clave privada del certificado")
    server.add_argument(
        "--sin-hsts",
        action="store_true",
        help="sin Strict-Transport-Security: úselo hasta comprobar que HTTPS funciona y se renueva",
    )
    server.add_argument("--sin-https", action="store_true", help="solo HTTP (pruebas locales; no para publicar)")
    server.add_argument(
        "--brotli", action="store_true", help="nginx: sirve los archivos .br (requiere libnginx-mod-http-brotli-static)"
    )

    offline = command(
        "sin-conexion",
        "Construye la copia del portal para usar sin internet (abrir desde el disco) y la guarda en un archivo ZIP.",
        _offline,
    )
    offline.add_argument("--salida", help="archivo ZIP de salida (por defecto: dist/portal-sin-conexion.zip)")

    command("bench", "Mide el tiempo de construcción y los bytes que descarga un lector.", _bench)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    return int(arguments.run(arguments))


if __name__ == "__main__":
    sys.exit(main())
