package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavadocTextTest {
  @Test
  void quotesApostrophesAndBackticksReadAsWritten() {
    assertThat(JavadocText.of("the \"default\" namespace, a user's name, `kubectl apply`"))
        .isEqualTo("the \"default\" namespace, a user's name, `kubectl apply`");
  }

  @Test
  void htmlCharactersAreEscapedOnce() {
    assertThat(JavadocText.of("<none> & a > b, already &amp;"))
        .isEqualTo("&lt;none&gt; &amp; a &gt; b, already &amp;amp;");
  }

  @Test
  void whatWouldEndTheCommentOrStartATagIsEscaped() {
    assertThat(JavadocText.of("pods/* */ @param x {@code y} e@mail"))
        .isEqualTo("pods/* *&#47; &#64;param x {&#64;code y} e&#64;mail")
        .doesNotContain("*/", "@");
  }

  @Test
  void backslashesCannotBecomeUnicodeEscapes() {
    assertThat(JavadocText.of("a regex \\d+ and \\u002A/")).isEqualTo("a regex &#92;d+ and &#92;u002A/").doesNotContain("\\");
  }

  @Test
  void lineBreaksStayOnTheCommentLine() {
    assertThat(JavadocText.of("  first.\n\nsecond\tthird\r\n")).isEqualTo("first.  second third");
  }

  @Test
  void noTextGivesNull() {
    assertThat(JavadocText.of(null)).isNull();
    assertThat(JavadocText.of(" \n ")).isNull();
  }
}
