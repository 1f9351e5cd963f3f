"""What search engines and link previews read: sitemap, robots.txt, canonical URLs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.support.html import pages, soup
from tests.support.site import SUB_PATH, language_tag, locales

LOCALES = locales()
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_every_language_with_alternates_and_x_default(site: Path, site_url: str) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = root.findall("s:url", NS)
    locs = {u.find("s:loc", NS).text for u in urls}
    assert site_url + "que-es-la-trata.html" in locs
    assert site_url + "en/que-es-la-trata.html" in locs
    assert site_url + "qu/que-es-la-trata.html" in locs
    for url in urls:
        loc = url.find("s:loc", NS).text
        assert loc.startswith(site_url), loc  # absolute, under the sub-path
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert links["x-default"].startswith(site_url) and "/en/" not in links["x-default"]
        assert loc in links.values()
        assert set(links) <= {language_tag(code) for code in LOCALES} | {"x-default"}
        assert (site / loc.removeprefix(site_url)).exists(), loc


def test_sitemap_leaves_out_search_and_error_pages(site: Path) -> None:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "404.html" not in text and "buscar.html" not in text


def test_robots_txt_points_at_the_sitemap(site: Path, site_url: str) -> None:
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {site_url}sitemap.xml" in robots


def test_canonical_url_of_each_page_is_its_absolute_address(site: Path, site_url: str) -> None:
    for page in pages(site):
        canonical = soup(page).select_one('link[rel="canonical"]')
        assert canonical is not None, page
        assert canonical["href"] == site_url + page.relative_to(site).as_posix(), page
        assert f"/{SUB_PATH}/" in canonical["href"]


def test_link_previews_in_the_pages_language(site: Path, site_url: str) -> None:
    import json

    for locale, og in (("es", "es_EC"), ("qu", "qu_EC"), ("en", "en_US")):
        page = soup(site / ("" if locale == "es" else locale) / "que-es-la-trata.html")
        meta = {m.get("property") or m.get("name"): m["content"] for m in page.select("meta[content]")
                if m.get("property") or m.get("name")}
        assert meta["og:locale"] == og
        assert meta["og:title"] and meta["og:description"] == meta["description"]
        assert meta["og:url"] == page.select_one('link[rel="canonical"]')["href"]
        assert meta["og:image"] == f"{site_url}assets/images/social-{locale}.png"
        assert meta["twitter:card"] == "summary_large_image"
        alternates = {m["content"] for m in page.select('meta[property="og:locale:alternate"]')}
        assert alternates == {"es_EC", "qu_EC", "en_US"} - {og}
        assert (site / "assets" / "images" / f"social-{locale}.png").exists()
    home = soup(site / "index.html").select_one('script[type="application/ld+json"]')
    data = json.loads(home.string)
    assert data["@type"] == "GovernmentOrganization" and data["url"] == site_url + "index.html"
    from tests.support.data import contacts

    help_bar = {line["tel"] for line in contacts()["lines"] if line.get("in_help_bar", True)}
    assert help_bar and {point["telephone"] for point in data["contactPoint"]} == help_bar


def test_social_image_is_a_1200x630_png(site: Path) -> None:
    from PIL import Image

    with Image.open(site / "assets" / "images" / "social-en.png") as image:
        assert image.format == "PNG" and image.size == (1200, 630)
