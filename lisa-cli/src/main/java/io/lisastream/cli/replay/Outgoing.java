package io.lisastream.cli.replay;

/**
 * One record to send: key and value bytes (key null for none), and, for a click the replayer
 * built itself, its user and item (null for raw lines).
 */
public record Outgoing(byte[] key, byte[] value, String userId, String itemId) {
}
