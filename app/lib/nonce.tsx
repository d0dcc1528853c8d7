import { createContext, useContext } from "react";

// The browser hides nonces from the DOM after parsing, so on the client this is "".
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
