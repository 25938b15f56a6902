package org.peakpilot.monitoring;

public record CreatedGateway(Gateway gateway, String token) {
}
