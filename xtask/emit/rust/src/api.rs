//! `src/nhn/api.rs`: the search API request and response types.

use proc_macro2::TokenStream;
use quote::quote;
use trail_catalog::model::ApiSpec;

pub fn tokens(_spec: &ApiSpec) -> TokenStream {
    quote! {
        //! The NHN CloudTrail event search API.
    }
}
