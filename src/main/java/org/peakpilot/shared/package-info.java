/**
 * Immutable value types every module speaks: validated codes ({@link org.peakpilot.shared.Uscc},
 * {@link org.peakpilot.shared.RegionCode}) and the like. No beans, no I/O: a value that exists is valid. One exception
 * to "values only": {@link org.peakpilot.shared.PgBinaryCopy}, a buffer that encodes rows in PostgreSQL's binary COPY
 * format, which both monitoring (readings) and accounting (result lines) write; it sends nothing itself.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.peakpilot.shared;
