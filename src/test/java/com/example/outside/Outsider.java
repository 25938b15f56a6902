package com.example.outside;

/** A record outside PeakPilot's packages, for the session store's filter (SessionStoreTests). */
public record Outsider(String name) {
}
