export type NodeMajor = 20 | 22 | 24;
export declare const NODE_MAJORS: readonly NodeMajor[];
export declare const NODE_INSTALL_TIMEOUT: number;
export declare function nodeBinary(major: NodeMajor): string;
