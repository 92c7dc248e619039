<?xml version="1.0" encoding="utf-8"?>
<!-- Shows rss.xml and atom.xml as a readable page when opened in a browser; feed readers ignore it.
     The build renders it with Handlebars: its words come from templates/messages/ for site.language. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" indent="yes"/>
  <xsl:template match="/">
    <html lang="{{site.language}}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <title><xsl:value-of select="/rss/channel/title | /atom:feed/atom:title"/> {{t "feedPage.titleSuffix"}}</title>
        <style>
          body { font: 18px/1.55 Georgia, serif; max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem; background: Canvas; color: CanvasText; }
          a { color: LinkText; }
          .help { border: 2px solid GrayText; border-radius: 6px; padding: 0.75rem 1rem; }
          code { word-break: break-all; }
          li { margin-bottom: 1rem; }
        </style>
      </head>
      <body>
        <main>
          <p class="help"><strong>{{t "feedPage.isFeed"}}</strong> {{t "feedPage.help"}}
            <code><xsl:value-of select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/></code></p>
          <h1><xsl:value-of select="/rss/channel/title | /atom:feed/atom:title"/></h1>
          <p><xsl:value-of select="/rss/channel/description | /atom:feed/atom:subtitle"/></p>
          <ul>
            <xsl:for-each select="/rss/channel/item">
              <li><a href="{link}"><xsl:value-of select="title"/></a><br/><small><xsl:value-of select="pubDate"/></small></li>
            </xsl:for-each>
            <xsl:for-each select="/atom:feed/atom:entry">
              <li><a href="{atom:link[not(@rel) or @rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a><br/><small><xsl:value-of select="atom:updated"/></small></li>
            </xsl:for-each>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
