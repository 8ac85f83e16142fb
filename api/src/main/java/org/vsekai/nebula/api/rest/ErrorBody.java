package org.vsekai.nebula.api.rest;

/** Every 4xx and 5xx answer of the service: one line saying what went wrong. */
public record ErrorBody(String error) {}
