package dev.steward.identity.license;

import dev.steward.common.crypto.Crypto;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steward's license file (docs/license.md): a JSON payload and its Ed25519 signature, both base64 in
 * armored blocks. Only a file signed with the private half of the configured public key verifies;
 * any change to the payload breaks the signature.
 */
public record LicenseFile(String app, int users, LocalDate expires, String name, String contact) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN STEWARD LICENSE-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END STEWARD LICENSE-----\\s*"
                    + "-----BEGIN STEWARD LICENSE SIGNATURE-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END STEWARD LICENSE SIGNATURE-----");

    /** Why a file is not a license this installation accepts; the message is meant for the operator. */
    public static final class InvalidLicenseException extends IllegalArgumentException {
        InvalidLicenseException(String message) {
            super(message);
        }
    }

    /** The vendor's public key: PEM ("-----BEGIN PUBLIC KEY-----") or the bare base64 of its X.509 encoding. */
    public static PublicKey publicKey(String configured) {
        try {
            return Crypto.publicKey(configured, "Ed25519");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("steward.license.public-key: " + e.getMessage(), e);
        }
    }

    public static LicenseFile verify(String file, PublicKey vendorKey, JsonMapper json) {
        Matcher blocks = BLOCK.matcher(file);
        if (!blocks.find()) {
            throw new InvalidLicenseException("not a Steward license file (BEGIN STEWARD LICENSE and SIGNATURE blocks)");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getMimeDecoder().decode(blocks.group(1));
            signature = Base64.getMimeDecoder().decode(blocks.group(2));
        } catch (IllegalArgumentException e) {
            throw new InvalidLicenseException("the license blocks are not base64");
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(vendorKey);
            verifier.update(payload);
            if (!verifier.verify(signature)) {
                throw new InvalidLicenseException("the signature does not match: the file was changed or signed by someone else");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidLicenseException("the signature cannot be checked: " + e.getMessage());
        }
        return read(payload, json);
    }

    private static LicenseFile read(byte[] payload, JsonMapper json) {
        JsonNode terms;
        try {
            terms = json.readValue(new String(payload, StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            throw new InvalidLicenseException("the signed terms are not JSON");
        }
        if (terms == null || !terms.isObject()) {
            throw new InvalidLicenseException("the signed terms are not a JSON object");
        }
        JsonNode users = terms.get("users");
        if (users == null || !users.isNumber() || users.getNumberValue().doubleValue() != users.getIntValue() || users.getIntValue() < 1) {
            throw new InvalidLicenseException("users must be a whole number of at least 1");
        }
        LocalDate expires;
        try {
            expires = LocalDate.parse(text(terms, "expires"));
        } catch (DateTimeParseException e) {
            throw new InvalidLicenseException("expires must be a date (YYYY-MM-DD)");
        }
        return new LicenseFile(text(terms, "app"), users.getIntValue(), expires, text(terms, "name"), text(terms, "contact"));
    }

    private static String text(JsonNode terms, String field) {
        JsonNode value = terms.get(field);
        if (value == null || !value.isString() || value.getStringValue().isBlank()) {
            throw new InvalidLicenseException(field + " is missing from the signed terms");
        }
        return value.getStringValue();
    }
}
