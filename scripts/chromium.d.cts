export declare const CHROMIUM_INSTALL_TIMEOUT: number;
export declare function chromiumBinary(): string;
