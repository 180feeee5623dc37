package dev.steward.common.backup;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupMessagesTest {

    @Test
    void partsSplitIntoBoundedChunksAndJoinBack() {
        byte[] part = new byte[BackupMessages.CHUNK_CHARS * 2];
        new Random(7).nextBytes(part);
        List<String> chunks = BackupMessages.chunks(part);
        assertEquals(3, chunks.size(), "base64 makes 4/3 of the bytes: 2.67 chunks' worth");
        assertTrue(chunks.stream().allMatch(chunk -> chunk.length() <= BackupMessages.CHUNK_CHARS));
        assertArrayEquals(part, BackupMessages.join(chunks));
        assertEquals(List.of(""), BackupMessages.chunks(new byte[0]), "an empty part is still one chunk");
        assertArrayEquals(new byte[0], BackupMessages.join(BackupMessages.chunks(new byte[0])));
    }
}
