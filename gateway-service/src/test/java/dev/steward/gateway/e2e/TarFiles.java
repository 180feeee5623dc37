package dev.steward.gateway.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client's tar reader and writer (ustar, regular files), independent of jobs-service's own. */
final class TarFiles {

    private TarFiles() {
    }

    static Map<String, byte[]> read(byte[] tar) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        int offset = 0;
        while (offset + 512 <= tar.length && tar[offset] != 0) {
            String name = new String(tar, offset, 100, StandardCharsets.US_ASCII).replaceAll("\0.*", "");
            int size = Integer.parseInt(new String(tar, offset + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            files.put(name, Arrays.copyOfRange(tar, offset + 512, offset + 512 + size));
            offset += 512 + (size + 511) / 512 * 512;
        }
        return files;
    }

    static byte[] write(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            byte[] header = new byte[512];
            byte[] name = file.getKey().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, header, 0, name.length);
            put(header, 100, "0000644\0");
            put(header, 108, "0000000\0");
            put(header, 116, "0000000\0");
            put(header, 124, String.format("%011o\0", file.getValue().length));
            put(header, 136, String.format("%011o\0", 0));
            Arrays.fill(header, 148, 156, (byte) ' ');
            header[156] = '0';
            put(header, 257, "ustar\0");
            put(header, 263, "00");
            int sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, String.format("%06o\0 ", sum));
            out.writeBytes(header);
            out.writeBytes(file.getValue());
            out.writeBytes(new byte[(512 - file.getValue().length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int at, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, at, bytes.length);
    }
}
