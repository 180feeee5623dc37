package dev.steward.common.net;

import java.util.regex.Pattern;

/** The grammar of credential scopes: {@code *}, {@code <area>:*}, {@code <area>:read|write}, {@code *:read|write}. */
public final class Scopes {

    private static final Pattern SCOPE = Pattern.compile("\\*|(\\*|[a-z][a-z0-9-]*):(\\*|read|write)");

    private Scopes() {
    }

    public static boolean isValid(String scope) {
        return scope != null && SCOPE.matcher(scope).matches();
    }
}
