package org.vsekai.nebula.desync.catar;

/**
 * One child of a directory in its goodbye record: how far back its file name record starts (counted
 * from the goodbye record), its size with everything below it, and its name's hash.
 */
record GoodbyeItem(long offset, long size, long hash) {}
