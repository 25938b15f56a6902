/**
 * Platform: the embedded database, users and their scope, security (forms, HTTP Basic, personal API tokens),
 * the audit log, layout, i18n (zh-CN first, English switch) and error translation (RFC 9457 for the API).
 * It depends on no business module; business modules call {@link org.peakpilot.platform.AccessScope} to filter
 * and guard every read and write, and {@link org.peakpilot.platform.AuditLog} to record every change. The
 * registry answers scope questions through the {@link org.peakpilot.platform.ScopeDirectory} it implements.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.peakpilot.platform;
