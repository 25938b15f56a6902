package org.peakpilot.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles an API operation is for, where they are narrower than its path's rule in {@link ApiAccess}: enforced
 * before the handler runs (403 otherwise) and stated in the OpenAPI document ({@code x-peakpilot-roles}), so what
 * the document says is what the server checks. Scope (which enterprises, counties, parks) is checked inside the
 * call by {@link AccessScope}, as before.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ApiRoles {

	Role[] value();
}
