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
              <li><a href="{link}"><xsl:value-of select="title"/></a><br/>
                <small><xsl:call-template name="rss-date"><xsl:with-param name="date" select="pubDate"/></xsl:call-template></small>
                <p><xsl:call-template name="html-text"><xsl:with-param name="html" select="description"/></xsl:call-template></p></li>
            </xsl:for-each>
            <xsl:for-each select="/atom:feed/atom:entry">
              <li><a href="{atom:link[not(@rel) or @rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a><br/>
                <small><xsl:call-template name="iso-date"><xsl:with-param name="date" select="atom:published | atom:updated[not(../atom:published)]"/></xsl:call-template></small>
                <p><xsl:call-template name="html-text"><xsl:with-param name="html" select="atom:summary"/></xsl:call-template></p></li>
            </xsl:for-each>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- Dates as people read them ("25 October 2026"); XSLT 1.0 has no date functions, so the fixed formats
       broadsheet writes are cut apart: RSS's RFC 822 "Sun, 25 Oct 2026 00:00:00 GMT", Atom's RFC 3339.
       The months' names are those of site.language, as the pages' dates have them. -->
  <xsl:template name="rss-date">
    <xsl:param name="date"/>
    <xsl:call-template name="readable-date">
      <xsl:with-param name="day" select="substring($date, 6, 2)"/>
      <xsl:with-param name="month" select="string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring($date, 9, 3))) div 3 + 1"/>
      <xsl:with-param name="year" select="substring($date, 13, 4)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template name="iso-date">
    <xsl:param name="date"/>
    <xsl:call-template name="readable-date">
      <xsl:with-param name="day" select="substring($date, 9, 2)"/>
      <xsl:with-param name="month" select="substring($date, 6, 2)"/>
      <xsl:with-param name="year" select="substring($date, 1, 4)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template name="readable-date">
    <xsl:param name="day"/>
    <xsl:param name="month"/>
    <xsl:param name="year"/>
    <xsl:value-of select="concat(number($day), ' ')"/>
    <xsl:choose>
      {{#each months}}
      <xsl:when test="number($month) = {{number}}">{{name}}</xsl:when>
      {{/each}}
    </xsl:choose>
    <xsl:value-of select="concat(' ', $year)"/>
  </xsl:template>

  <!-- A summary is plain text that broadsheet wrote as escaped HTML (&amp; &lt; &gt; &quot; &#39;): shown
       as that text. Browsers differ on disable-output-escaping (Firefox ignores it), so it is undone here. -->
  <xsl:template name="html-text">
    <xsl:param name="html"/>
    <xsl:choose>
      <xsl:when test="contains($html, '&amp;')">
        <xsl:value-of select="substring-before($html, '&amp;')"/>
        <xsl:variable name="rest" select="substring-after($html, '&amp;')"/>
        <xsl:variable name="entity" select="substring-before($rest, ';')"/>
        <xsl:choose>
          <xsl:when test="$entity = 'amp'">&amp;</xsl:when>
          <xsl:when test="$entity = 'lt'">&lt;</xsl:when>
          <xsl:when test="$entity = 'gt'">&gt;</xsl:when>
          <xsl:when test="$entity = 'quot'">"</xsl:when>
          <xsl:when test="$entity = '#39'">'</xsl:when>
          <xsl:otherwise>&amp;<xsl:value-of select="$entity"/>;</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="html-text"><xsl:with-param name="html" select="substring-after($rest, ';')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$html"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
