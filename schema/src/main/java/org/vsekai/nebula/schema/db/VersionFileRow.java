package org.vsekai.nebula.schema.db;

/** One file of a version: its path, size, permissions and the SHA-256 of its .caibx. */
public record VersionFileRow(String path, long size, String permissions, String indexSha256) {}
