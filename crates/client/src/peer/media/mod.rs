//! Media files in and out of the peer: what a master plays ([`source`]) and what a viewer saves ([`recorder`]),
//! with the small containers they need.

pub mod h264;
mod ivf;
mod ogg;
pub mod recorder;
pub mod source;

pub use ivf::is_vp8_keyframe;
