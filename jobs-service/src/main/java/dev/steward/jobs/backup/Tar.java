package dev.steward.jobs.backup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The few lines of POSIX ustar that backup.tar needs: regular files, names under 100 bytes. */
public final class Tar {

    private static final int BLOCK = 512;

    private Tar() {
    }

    static final class InvalidTarException extends Exception {
        InvalidTarException(String message) {
            super(message);
        }
    }

    public static byte[] write(Map<String, byte[]> files, long modifiedEpochSeconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            byte[] header = new byte[BLOCK];
            put(header, 0, 100, file.getKey());
            put(header, 100, 8, "0000644");
            put(header, 108, 8, "0000000");
            put(header, 116, 8, "0000000");
            put(header, 124, 12, String.format("%011o", file.getValue().length));
            put(header, 136, 12, String.format("%011o", modifiedEpochSeconds));
            Arrays.fill(header, 148, 156, (byte) ' ');
            header[156] = '0';
            put(header, 257, 6, "ustar");
            put(header, 263, 2, "00");
            long checksum = 0;
            for (byte b : header) {
                checksum += b & 0xff;
            }
            put(header, 148, 8, String.format("%06o", checksum) + "\0 ");
            out.writeBytes(header);
            out.writeBytes(file.getValue());
            out.writeBytes(new byte[(BLOCK - file.getValue().length % BLOCK) % BLOCK]);
        }
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    static Map<String, byte[]> read(byte[] tar) throws InvalidTarException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        int offset = 0;
        while (offset + BLOCK <= tar.length) {
            byte[] header = Arrays.copyOfRange(tar, offset, offset + BLOCK);
            if (isZero(header)) {
                return files;
            }
            long checksum = 0;
            for (int i = 0; i < BLOCK; i++) {
                checksum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
            }
            if (checksum != octal(header, 148, 8)) {
                throw new InvalidTarException("a tar header's checksum does not match");
            }
            String name = text(header, 0, 100);
            long size = octal(header, 124, 12);
            offset += BLOCK;
            if (size < 0 || offset + size > tar.length) {
                throw new InvalidTarException("the archive is truncated");
            }
            if (header[156] == '0' || header[156] == 0) {
                files.put(name, Arrays.copyOfRange(tar, offset, offset + (int) size));
            }
            offset += (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
        }
        throw new InvalidTarException(files.isEmpty() ? "not a tar archive" : "the archive has no end");
    }

    private static void put(byte[] header, int at, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, at, Math.min(length, bytes.length));
    }

    private static String text(byte[] header, int at, int length) {
        int end = at;
        while (end < at + length && header[end] != 0) {
            end++;
        }
        return new String(header, at, end - at, StandardCharsets.US_ASCII);
    }

    private static long octal(byte[] header, int at, int length) throws InvalidTarException {
        String digits = text(header, at, length).trim();
        if (!digits.matches("[0-7]+")) {
            throw new InvalidTarException("not a tar archive");
        }
        return Long.parseLong(digits, 8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
