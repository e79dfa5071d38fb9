//! Leaves as Python hands them over: a 2-D `numpy.uint8` array of fixed-width leaves
//! (read in place, no copy), a sequence of `bytes` (borrowed, no copy), or, for profiles
//! whose leaves files hold text (field elements, words), a sequence of `str` lines.

use numpy::{PyReadonlyArray2, PyUntypedArray, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::error;

/// Leaves borrowed from Python objects the caller keeps alive.
pub(crate) enum Leaves<'py> {
    /// Rows of a C-contiguous 2-D `uint8` array.
    Array(PyReadonlyArray2<'py, u8>),
    /// `bytes` objects.
    Bytes(Vec<Bound<'py, PyBytes>>),
    /// Text lines, as in a leaves file.
    Text(Vec<String>),
}

impl<'py> Leaves<'py> {
    /// Reads `leaves`: an array, or a sequence of `bytes` or of `str`.
    pub(crate) fn read(leaves: &Bound<'py, PyAny>) -> PyResult<Self> {
        if let Ok(array) = leaves.cast::<PyUntypedArray>() {
            let shape = array.shape().to_vec();
            let array: PyReadonlyArray2<'py, u8> = leaves.extract().map_err(|_| {
                error(format!(
                    "a leaves array must be 2-D numpy.uint8 (one fixed-width leaf per row), got {}-D {}",
                    shape.len(),
                    array.dtype()
                ))
            })?;
            if !array.is_c_contiguous() {
                return Err(error(
                    "a leaves array must be C-contiguous (numpy.ascontiguousarray makes one)",
                ));
            }
            return Ok(Self::Array(array));
        }
        if leaves.is_instance_of::<PyBytes>() || leaves.is_instance_of::<PyString>() {
            return Err(error(
                "leaves must be a sequence of leaves, not one bytes or str value",
            ));
        }
        let mut bytes = Vec::new();
        let mut text = Vec::new();
        for (i, item) in leaves.try_iter()?.enumerate() {
            let item = item?;
            if let Ok(b) = item.cast::<PyBytes>() {
                bytes.push(b.clone());
            } else if let Ok(s) = item.cast::<PyString>() {
                text.push(s.to_str()?.to_string());
            } else {
                return Err(error(format!(
                    "leaf {i} is a {}, not bytes or str",
                    item.get_type().name()?
                )));
            }
            if !bytes.is_empty() && !text.is_empty() {
                return Err(error(format!(
                    "leaf {i}: leaves are all bytes or all str, not a mix"
                )));
            }
        }
        Ok(if text.is_empty() {
            Self::Bytes(bytes)
        } else {
            Self::Text(text)
        })
    }

    /// Each leaf's bytes, borrowed in place; text leaves are refused, since the hash
    /// layouts take bytes.
    pub(crate) fn slices(&self) -> PyResult<Vec<&[u8]>> {
        match self {
            Self::Array(array) => {
                let width = array.shape()[1];
                let rows = array.shape()[0];
                let data = array.as_slice().map_err(error)?;
                Ok(if width == 0 {
                    vec![&data[..0]; rows]
                } else {
                    data.chunks_exact(width).collect()
                })
            }
            Self::Bytes(items) => Ok(items.iter().map(|b| b.as_bytes()).collect()),
            Self::Text(_) => Err(error(
                "leaves are str: a hash layout takes bytes leaves (str lines are for profiles whose leaves files hold text)",
            )),
        }
    }

    /// Each leaf as a line of a profile's leaves file: bytes as hex, text as given.
    pub(crate) fn lines(&self) -> PyResult<Vec<String>> {
        match self {
            Self::Text(lines) => Ok(lines.clone()),
            _ => Ok(self.slices()?.iter().map(hex::encode).collect()),
        }
    }
}
