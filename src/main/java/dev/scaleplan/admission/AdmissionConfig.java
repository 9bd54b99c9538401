package dev.scaleplan.admission;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts admission in front of every API request. */
@Configuration(proxyBeanMethods = false)
class AdmissionConfig implements WebMvcConfigurer {

    private final AdmissionInterceptor interceptor;

    AdmissionConfig(AdmissionInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/api/**");
    }
}
