package dev.emporium.user.api;

import dev.emporium.user.token.AuthorizationRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in form of the authorization endpoint: one self-contained HTML page (no script, no
 * outside resources) that posts the user's email and password together with the authorization
 * request it was shown for. Every value written into it is HTML-escaped.
 */
final class SignInPage {

  private SignInPage() {}

  static String render(AuthorizationRequest request, @Nullable String email, @Nullable String error) {
    StringBuilder html = new StringBuilder(2048).append("""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sign in - Emporium</title>
        <style>
        body{font-family:system-ui,sans-serif;background:#f5f5f4;margin:0;display:grid;place-items:center;min-height:100vh}
        main{background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 4px #0002;width:min(22rem,90vw)}
        label{display:block;margin:.8rem 0}input{display:block;width:100%;box-sizing:border-box;padding:.5rem;margin-top:.3rem}
        button{width:100%;padding:.6rem;margin-top:.8rem}.error{color:#b91c1c}
        </style>
        </head>
        <body>
        <main>
        <h1>Sign in</h1>
        """);
    html.append("<p><strong>").append(escape(request.clientId())).append("</strong> asks to sign you in")
        .append(" (").append(escape(String.join(" ", request.scopes()))).append(").</p>\n");
    if (error != null) {
      html.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>\n");
    }
    html.append("<form method=\"post\" action=\"authorize\">\n");
    hiddenFields(request).forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(name)
        .append("\" value=\"").append(escape(value)).append("\">\n"));
    html.append("<label>Email <input type=\"email\" name=\"email\" autocomplete=\"username\" required maxlength=\"")
        .append(SignInForm.MAX_EMAIL_LENGTH).append("\" value=\"").append(escape(email == null ? "" : email))
        .append("\"></label>\n")
        .append("<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\"")
        .append(" required maxlength=\"").append(SignInForm.MAX_PASSWORD_LENGTH).append("\"></label>\n")
        .append("<button type=\"submit\">Sign in</button>\n</form>\n</main>\n</body>\n</html>\n");
    return html.toString();
  }

  /** The request as the form posts it back, already checked: it is checked again when it comes back. */
  private static Map<String, String> hiddenFields(AuthorizationRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("response_type", "code");
    fields.put("client_id", request.clientId());
    fields.put("redirect_uri", request.redirectUri());
    fields.put("scope", String.join(" ", request.scopes()));
    if (request.state() != null) {
      fields.put("state", request.state());
    }
    fields.put("code_challenge", request.codeChallenge());
    fields.put("code_challenge_method", "S256");
    if (request.nonce() != null) {
      fields.put("nonce", request.nonce());
    }
    return fields;
  }

  private static String escape(String value) {
    return HtmlUtils.htmlEscape(value, "UTF-8");
  }
}
