package org.peakpilot.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Time zone, locale (zh-CN by default, {@code ?lang=en} switches and is remembered in a cookie). */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	/** Every period of the plan is a calendar period in China Standard Time. */
	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	@Bean
	Clock clock() {
		return Clock.system(CHINA);
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("peakpilot-lang");
		resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
		registry.addInterceptor(new ApiRolesInterceptor()).addPathPatterns("/api/**");
		registry.addInterceptor(new ApiDeprecationInterceptor()).addPathPatterns("/api/**");
	}
}
